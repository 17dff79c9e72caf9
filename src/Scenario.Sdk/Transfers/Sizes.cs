using System.Globalization;

namespace Scenario.Transfers;

/// <summary>Reads and writes byte sizes the way people type them: <c>16MiB</c>, <c>64MB</c>, <c>8388608</c>.</summary>
public static class Sizes
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    /// <summary>Parses a size such as <c>16MiB</c>, <c>64MB</c>, <c>1.5GiB</c> or <c>8388608</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns>Whether the text is a positive size.</returns>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        var factor = 1L;
        foreach (var (suffix, unit) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^suffix.Length].Trim();
                factor = unit;
                break;
            }
        }
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }
        var value = number * factor;
        if (value > long.MaxValue || value != decimal.Truncate(value))
        {
            return false;
        }
        bytes = (long)value;
        return true;
    }

    /// <summary>Formats a size for people, in binary units: <c>5.0 MiB</c>.</summary>
    /// <param name="bytes">The size in bytes.</param>
    public static string Format(long bytes)
    {
        string[] names = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var index = 0;
        while (Math.Abs(value) >= 1024 && index < names.Length - 1)
        {
            value /= 1024;
            index++;
        }
        return index == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {names[index]}");
    }
}
