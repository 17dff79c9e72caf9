namespace Scenario.Bench.Harness;

/// <summary>A server's memory as the kernel counts it: figures of /proc/PID/status, and its peak (VmHWM) reset.</summary>
internal static class ProcStatus
{
    /// <summary>A figure from /proc/PID/status in MiB (VmRSS, VmHWM).</summary>
    public static double MiB(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    /// <summary>Resets the peak RSS (VmHWM) to the RSS now.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
}
