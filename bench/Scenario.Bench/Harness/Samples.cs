using System.Globalization;

namespace Scenario.Bench.Harness;

/// <summary>
/// Every sample measured, one line "name TAB value" each in results.tsv of the scratch folder, and their medians
/// and ranges for the report. A baseline's samples are named ….base.
/// </summary>
internal sealed class Samples(string? file)
{
    private readonly List<(string Name, double Value)> all = [];

    public bool Any => all.Count > 0;

    public IEnumerable<string> Names => all.Select(s => s.Name);

    public void Add(string name, double value)
    {
        all.Add((name, value));
        if (file is not null)
        {
            File.AppendAllText(file, $"{name}\t{value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
    }

    public void Add(string name, string value) => Add(name, Number.Parse(value));

    /// <summary>The samples of a results.tsv, read back (Scenario.Bench report).</summary>
    public static Samples Load(string results)
    {
        var samples = new Samples(null);
        foreach (var line in File.ReadLines(results).Where(l => l.Contains('\t')))
        {
            var (name, value) = (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]);
            samples.Add(name, value);
        }
        return samples;
    }

    /// <summary>
    /// The median, the least and the greatest sample of a name; null when there is none. The mean of the two middle
    /// samples is carried at 6 significant digits, as the report's medians always were.
    /// </summary>
    public Stat? Of(string name)
    {
        var values = all.Where(s => s.Name == name).Select(s => s.Value).Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }
        var n = values.Length;
        var median = n % 2 == 1 ? values[n / 2] : Number.Rounded((values[n / 2 - 1] + values[n / 2]) / 2);
        return new Stat(median, values[0], values[^1]);
    }

    /// <summary>The median, or null: the figure each ratio is made of.</summary>
    public double? Median(string name) => Of(name)?.Median;

    /// <summary>The least sample: for a time, the run the disk slowed least.</summary>
    public double? Best(string name) => Of(name)?.Min;
}

internal sealed record Stat(double Median, double Min, double Max);
