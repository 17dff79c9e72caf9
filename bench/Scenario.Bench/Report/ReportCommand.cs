using Scenario.Bench.Cases;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Report;

/// <summary>
/// <c>Scenario.Bench report RESULTS.tsv</c>: the report of a kept results file, printed again (BENCH_REPS, BENCH_BASELINE
/// with BENCH_BASE_REV, BENCH_HUGE_GIB, BENCH_HUGE_SOURCE and BENCH_TUS_MIB say what the run was).
/// </summary>
internal static class ReportCommand
{
    public static int Run(string results)
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        var samples = Samples.Load(results);
        var settings = new BenchSettings
        {
            Cases = BenchSettings.ParseCases(""),
            Reps = int.Parse(Env("BENCH_REPS", "3")),
            WarmupSeconds = 0,
            Scratch = "",
            Memory = "",
            StartUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            BaselineRoot = Env("BENCH_BASE_REV", "").Length > 0 ? "" : null,
            BaselineName = Env("BENCH_BASELINE", ""),
            BaselineRev = Env("BENCH_BASE_REV", ""),
            HugeGib = Env("BENCH_HUGE_GIB", "32"),
            HugeSource = Env("BENCH_HUGE_SOURCE", "window"),
            TusMib = int.Parse(Env("BENCH_TUS_MIB", "1024")),
        };
        var huge = new HugeOutcome();
        if (samples.Median("cli_default.huge") is not null)
        {
            (huge.Gib, huge.Source) = (int.Parse(settings.HugeGib), settings.HugeSource);
        }
        Log.StartedAt(settings.StartUnixSeconds);
        new ReportWriter(samples, settings, huge, Console.Out).Write();
        return 0;
    }
}
