using Scenario.Bench.Harness;

namespace Scenario.Bench.Report;

/// <summary>The baseline's samples beside the new ones, with new/base of the medians: every row that has a baseline, then any other sample that has one.</summary>
internal static class BaselineTable
{
    public static void Write(Table t, Samples samples, BenchSettings settings)
    {
        t.Line();
        t.Line($"Baseline {settings.BaselineName} ({settings.BaselineRev}) in the same shuffled rounds (times: new/base below 1.00× means the new one is faster)");
        t.Line();
        t.Line("| measure | new: median (min–max) | baseline: median (min–max) | new/base |");
        t.Line("|---|---|---|---|");
        var labels = new Dictionary<string, (string Label, double Scale)>();
        foreach (var row in t.Rows)
        {
            labels.TryAdd(row.Name, (row.Label, row.Scale));
        }
        var others = samples.Names.Where(n => n.EndsWith(".base", StringComparison.Ordinal)).Select(n => n[..^".base".Length])
            .Distinct().Order(StringComparer.Ordinal);
        foreach (var name in t.Rows.Select(r => r.Name).Concat(others).Distinct())
        {
            if (samples.Of(name + ".base") is not { } old)
            {
                continue;
            }
            var (label, scale) = labels.TryGetValue(name, out var known) ? known : (name, 1);
            var fresh = samples.Of(name);
            t.Line($"| {label} | {(fresh is null ? "n/a" : Figures(fresh, scale))} | {Figures(old, scale)} | " +
                $"{(fresh is not null && old.Median > 0 ? Number.Fixed(fresh.Median / old.Median, 2) + "×" : "n/a")} |");
        }
    }

    private static string Figures(Stat stat, double scale) =>
        $"{Number.Fixed(stat.Median * scale, 3)} ({Number.Fixed(stat.Min * scale, 3)}–{Number.Fixed(stat.Max * scale, 3)})";
}
