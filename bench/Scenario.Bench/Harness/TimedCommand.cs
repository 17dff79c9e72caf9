using System.Diagnostics;

namespace Scenario.Bench.Harness;

/// <summary>
/// A client timed as a whole command, its start included, as a user runs it, under /usr/bin/time for its peak RSS.
/// </summary>
internal static class TimedCommand
{
    /// <summary>Its seconds, its standard output and its peak RSS in MiB; its standard error dropped when <paramref name="quiet"/> (the CLI's progress).</summary>
    public static async Task<(double Seconds, string Output, double RssMiB)> RunAsync(string scratch, string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, bool quiet = false)
    {
        var rssFile = Path.Combine(scratch, "client.rss");
        var watch = Stopwatch.StartNew();
        var output = await Proc.RunAsync("bash", ["-c", quiet ? "exec \"$@\" 2>/dev/null" : "exec \"$@\"", "bash", "/usr/bin/time", "-f", "%M", "-o", rssFile, file, .. args], env);
        var seconds = watch.Elapsed.TotalSeconds;
        return (seconds, output, Number.Parse(File.ReadAllText(rssFile)) / 1024);
    }
}
