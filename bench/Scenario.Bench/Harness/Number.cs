using System.Globalization;

namespace Scenario.Bench.Harness;

/// <summary>
/// Numbers as the report has always written them (it was awk): medians carried at 6 significant digits, and
/// C's printf rounding, a tie to the even digit.
/// </summary>
internal static class Number
{
    public static double Parse(string text) => double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A whole number as it is, any other to 6 significant digits (awk's print of a number).</summary>
    public static double Rounded(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value : Parse(value.ToString("G6", CultureInfo.InvariantCulture));

    /// <summary>printf's %.Nf.</summary>
    public static string Fixed(double value, int digits)
    {
        var scaled = value * Math.Pow(10, digits);
        if (Math.Abs(scaled - Math.Truncate(scaled)) == 0.5)
        {
            value = Math.Round(value, digits, MidpointRounding.ToEven);
        }
        return value.ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>What a sample is written as when it is a figure the harness computed.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
