using System.Globalization;

namespace Scenario.Bench.Harness;

/// <summary>
/// Every sample measured, one line "name TAB value" each in results.tsv of the scratch folder, and their medians
/// and ranges for the report. A baseline's samples are named ….base.
/// </summary>
internal sealed class Samples(string file)
{
    private readonly List<(string Name, double Value)> all = [];

    public bool Any => all.Count > 0;

    public IEnumerable<string> Names => all.Select(s => s.Name);

    public void Add(string name, double value)
    {
        all.Add((name, value));
        File.AppendAllText(file, $"{name}\t{value.ToString("R", CultureInfo.InvariantCulture)}\n");
    }

    public void Add(string name, string value) => Add(name, Number.Parse(value));

    /// <summary>The median, the least and the greatest sample of a name, each to 6 significant digits; null when there is none.</summary>
    public Stat? Of(string name)
    {
        var values = all.Where(s => s.Name == name).Select(s => s.Value).Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }
        var n = values.Length;
        var median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Stat(Number.Rounded(median), Number.Rounded(values[0]), Number.Rounded(values[^1]));
    }

    /// <summary>The median, or null: the figure each ratio is made of.</summary>
    public double? Median(string name) => Of(name)?.Median;

    /// <summary>The least sample: for a time, the run the disk slowed least.</summary>
    public double? Best(string name) => Of(name)?.Min;
}

internal sealed record Stat(double Median, double Min, double Max);
