namespace Scenario.Bench.Harness;

/// <summary>Progress lines on standard error, stamped with the seconds since bench/run started (the report goes to standard output).</summary>
internal static class Log
{
    private static long start = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static void StartedAt(long unixSeconds) => start = unixSeconds;

    public static long Elapsed => DateTimeOffset.UtcNow.ToUnixTimeSeconds() - start;

    public static void Line(string message) => Console.Error.WriteLine($"[bench {Elapsed,3}s] {message}");
}
