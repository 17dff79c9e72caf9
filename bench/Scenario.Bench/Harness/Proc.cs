using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Scenario.Bench.Harness;

/// <summary>
/// The programs the cases run (curl, wrk, dd, the CLI, this helper's own commands), each a child process as from the
/// shell: its standard output captured, its standard error passed through, a non-zero exit an error that stops the run.
/// </summary>
internal static class Proc
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null,
        CancellationToken token = default)
    {
        using var process = Start(file, args, env);
        var output = process.StandardOutput.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new BenchFailure($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
        return text;
    }

    /// <summary>A bash command line, for what the shell says best (a pipe into shuf, sync).</summary>
    public static Task<string> BashAsync(string script, params string[] args) => RunAsync("bash", ["-c", script, "bash", .. args]);

    /// <summary>A long-running program (a server), its output into a log file; the registry stops it at the end.</summary>
    public static Process StartLogged(string file, IEnumerable<string> args, string logFile)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" > \"$LOGFILE\" 2>&1", file, .. args])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["LOGFILE"] = logFile;
        return Process.Start(info) ?? throw new BenchFailure($"{file} did not start");
    }

    private static Process Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new BenchFailure($"{file} did not start");
    }

    public static void Signal(int pid, int signal) => _ = kill(pid, signal);

    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

/// <summary>A step of the benchmark that could not be done: the run stops, and the report shows what was measured before it.</summary>
internal sealed class BenchFailure(string message) : Exception(message);
