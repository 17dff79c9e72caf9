using System.Diagnostics;

namespace Scenario.Testing;

/// <summary>
/// The service as a separate OS process, for what an in-process host cannot show: a crash (SIGKILL,
/// or the process killing itself through fault injection) and several instances side by side.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

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

    public static async Task<ServiceProcess> StartAsync(
        string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null, bool withTestKeys = true)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Arms Jobs:HaltAfterStatus for the crash tests; a service started any other way ignores that setting.
        start.Environment["SCENARIO_FAULT_INJECTION"] = "1";
        start.ArgumentList.Add(ServerAssembly());
        foreach (var argument in ServiceHost.Arguments(dataDirectory, port, settings ?? new Dictionary<string, string>(), withTestKeys))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service process.");
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, like a power cut for the process.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, as systemd, Kubernetes and every deploy stop a service: it may shut down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service process exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync("readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            // Not listening yet, or too slow to answer on a loaded machine (the 2 s timeout): ask again.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            catch (TaskCanceledException)
            {
                // A first /readyz on a loaded machine (JIT of every check) can take longer than the 2 s: ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The service process did not become ready:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    /// <summary>The server's dll sits beside ours: this project references the server project.</summary>
    private static string ServerAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Scenario.Uploads.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server assembly was not copied beside the tests.", path);
    }
}
