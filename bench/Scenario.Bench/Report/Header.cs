namespace Scenario.Bench.Report;

/// <summary>The report's first line: the date, the machine and how busy it was, and the runs per case.</summary>
internal static class Header
{
    public static string Text(int reps)
    {
        var memory = Harness.Proc.BashAsync("free -g | awk '/Mem:/ {print $2}'").GetAwaiter().GetResult().Trim();
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        return $"Scenario Uploads benchmark — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {memory} GiB, {kernel}, load average {load}, {reps} runs per case";
    }
}
