using System.Diagnostics;

namespace Scenario.Bench.Harness;

/// <summary>Every long-running process the run started: each is stopped (and woken, if it was paused) at the end, whatever happened.</summary>
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

    public static void Stop(Process process)
    {
        if (process.HasExited)
        {
            return;
        }
        Proc.Signal(process.Id, Proc.SigTerm);
        Proc.Signal(process.Id, Proc.SigCont);
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Process[] all;
        lock (started)
        {
            all = [.. started];
            started.Clear();
        }
        foreach (var process in all)
        {
            try
            {
                Stop(process);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
    }
}
