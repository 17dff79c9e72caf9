using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>
/// The built server run as an operator runs it (<c>dotnet Scenario.Uploads.Server.dll …</c>), with stdout and
/// stderr kept apart: what a bad start prints, its exit code, and the keys command.
/// </summary>
internal sealed partial class ServerCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServerCommand(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public static ServerCommand Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scenario.Uploads.Server.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var command = new ServerCommand(process);
        process.OutputDataReceived += (_, e) => Append(command._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(command._error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Runs to its exit; a process still running after <paramref name="timeout"/> (a service that started) fails the test.</summary>
    public static async Task<ServerCommand> RunAsync(IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var command = Start(args, workingDirectory);
        await command.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return command;
    }

    /// <summary>The arguments of a service on this loopback port and data directory, without the test keys unless asked.</summary>
    public static List<string> ServiceArguments(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null, bool withTestKeys = false) =>
        ServiceHost.Arguments(dataDirectory, port, settings ?? new Dictionary<string, string>(), withTestKeys);

    /// <summary><c>keys …</c> with the configuration of a service on this data directory.</summary>
    public static Task<ServerCommand> KeysAsync(string[] command, string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null, bool withTestKeys = false) =>
        RunAsync(["keys", .. command, .. ServiceArguments(dataDirectory, port, settings, withTestKeys)]);

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for the end of both streams.
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Assert.Fail($"The server was still running after {timeout}.\nstdout:\n{Output}\nstderr:\n{Error}");
        }
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The server did not print '{text}' (exited: {_process.HasExited}).\nstdout:\n{Output}\nstderr:\n{Error}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Until <c>/readyz</c> answers 200 on this loopback port.</summary>
    public async Task WaitUntilReadyAsync(int port, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The service did not become ready (exited: {_process.HasExited}).\nstdout:\n{Output}\nstderr:\n{Error}");
            }
            try
            {
                if ((await client.GetAsync("readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The key and secret of the <c>export</c> lines this process printed.</summary>
    public (string ApiKey, string ApiSecret) PrintedKey()
    {
        var key = ExportKey().Match(Output);
        var secret = ExportSecret().Match(Output);
        Assert.True(key.Success && secret.Success, $"No export lines in:\n{Output}");
        return (key.Groups[1].Value, secret.Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (target)
        {
            target.AppendLine(line);
        }
    }

    [GeneratedRegex(@"export SCENARIO_SDK_API_KEY=(\S+)")]
    private static partial Regex ExportKey();

    [GeneratedRegex(@"export SCENARIO_SDK_API_SECRET=(\S+)")]
    private static partial Regex ExportSecret();
}
