using System.Diagnostics;

namespace Scenario.Testing;

/// <summary>Runs a short command (pg_ctl, initdb, chown) to its end, within a bound, and says how it went.</summary>
public static class ExternalCommand
{
    public sealed record Outcome(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not end within {timeout}.");
        }
        return new Outcome(process.ExitCode, (await output) + (await errors));
    }

    /// <summary>Runs it and throws with its output when it fails.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var outcome = await RunAsync(program, arguments, timeout);
        return outcome.Succeeded
            ? outcome.Output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {outcome.ExitCode}:\n{outcome.Output}");
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Sends a signal (STOP, CONT, KILL, TERM) to one process, by its id.</summary>
    public static Task SignalAsync(int processId, string signal) =>
        RunCheckedAsync("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
