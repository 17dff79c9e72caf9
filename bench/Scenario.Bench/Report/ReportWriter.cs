using Scenario.Bench.Cases;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Report;

/// <summary>
/// The report bench/run prints: the measures (medians, min–max), the ratios with their goals, the throughputs, case 9
/// when it ran, and with a baseline its table. Its row and ratio labels are read by other tools: they do not change.
/// </summary>
internal sealed class ReportWriter(Samples samples, BenchSettings settings, HugeOutcome huge, TextWriter output)
{
    private readonly Table table = new(samples, output);

    public void Write()
    {
        table.Line();
        table.Line(Header.Text(settings.Reps));
        table.Line("Durability: the service fsyncs each part before answering; nginx and tus times include a final sync (fsync) of the files they wrote.");
        table.Line();
        table.Line("| measure | median | min–max |");
        table.Line("|---|---|---|");
        MeasureRows.Write(table, huge, settings.TusMib);
        table.Line();
        table.Line("| ratio (medians) | value | goal |");
        table.Line("|---|---|---|");
        RatioRows.Write(table, huge, settings.BaselineRoot is not null ? settings.BaselineRev : null);
        table.Line();
        table.Line($"Throughput: service {Gib(table.Median("upload.service.c8"))} GiB/s, nginx {Gib(table.Median("upload.nginx.c8"))} GiB/s, " +
            $"tus {Gib(table.Median("upload.tus.c8"))} GiB/s (8 clients); the disk (dd) {Gib(table.Median("upload.disk.c8"))} GiB/s.");
        if (settings.BaselineRoot is not null)
        {
            BaselineTable.Write(table, samples, settings);
        }
        table.Line($"Took {Log.Elapsed} s.");
    }

    /// <summary>1 GiB in s seconds, in GiB/s.</summary>
    private static string Gib(double? seconds) => seconds > 0 ? Number.Fixed(1 / seconds.Value, 3) : "0";
}
