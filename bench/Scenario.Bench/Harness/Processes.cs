using System.Diagnostics;

namespace Scenario.Bench.Harness;

/// <summary>
/// Every long-running process the run started: each is stopped (and woken, if it was paused) at the end, whatever
/// happened. Stopping holds the lock throughout, so that the run's own end waits for a stop an interrupt began
/// (otherwise the process could exit while the signal handler is still stopping servers, leaving them running).
/// </summary>
internal sealed class Processes : IDisposable
{
    private readonly List<Process> started = [];

    public Process Add(Process process)
    {
        lock (started)
        {
            started.Add(process);
        }
        return process;
    }

    public static void Stop(Process process) => StopAll([process]);

    public void Dispose()
    {
        lock (started)
        {
            StopAll(started);
            foreach (var process in started)
            {
                process.Dispose();
            }
            started.Clear();
        }
    }

    /// <summary>SIGTERM (and SIGCONT, for one paused by the baseline's pairing) to each, then a wait for each; killed after 30 s.</summary>
    private static void StopAll(IReadOnlyList<Process> processes)
    {
        var running = processes.Where(Running).ToList();
        foreach (var process in running)
        {
            Proc.Signal(process.Id, Proc.SigTerm);
            Proc.Signal(process.Id, Proc.SigCont);
        }
        foreach (var process in running)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool Running(Process process)
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
