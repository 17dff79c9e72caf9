using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Faults;

/// <summary>
/// Service instances as separate processes on one backend, each with its own data directory and port,
/// as several hosts behind a balancer; one can be killed (SIGKILL) and started again on its port.
/// </summary>
public sealed class ServiceFleet : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string[] _directories;
    private readonly int[] _ports;
    private readonly ServiceProcess?[] _instances;

    private ServiceFleet(IReadOnlyDictionary<string, string> settings, int count)
    {
        _settings = settings;
        _directories = [.. Enumerable.Range(0, count).Select(_ => TempDirectory.Create())];
        _ports = [.. Enumerable.Range(0, count).Select(_ => FreePort.Next())];
        _instances = new ServiceProcess?[count];
    }

    public IReadOnlyList<int> Ports => _ports;

    public Uri[] Urls => [.. _ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))];

    /// <summary>The instances running now (a killed one is left out until it is started again).</summary>
    public ServiceProcess[] Running => [.. _instances.OfType<ServiceProcess>()];

    /// <summary>Starts them together: they create or check the schema and the bucket at once, as a fleet does.</summary>
    public static async Task<ServiceFleet> StartAsync(IReadOnlyDictionary<string, string> settings, int count = 2)
    {
        var fleet = new ServiceFleet(settings, count);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(fleet.StartAsync));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crashed host: no graceful shutdown, requests in flight cut off.</summary>
    public async Task KillAsync(int index)
    {
        var instance = _instances[index] ?? throw new InvalidOperationException($"Instance {index} is not running.");
        _instances[index] = null;
        Killed.Add(instance.Output);
        await instance.DisposeAsync();
    }

    private List<string> Killed { get; } = [];

    /// <summary>What every instance wrote, killed ones included, for a failed test's message.</summary>
    public IEnumerable<string> Logs => [.. Killed, .. Running.Select(i => i.Output)];

    public async Task StartAsync(int index) =>
        _instances[index] = await ServiceProcess.StartAsync(_directories[index], _ports[index], _settings);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances.OfType<ServiceProcess>())
        {
            await instance.DisposeAsync();
        }
        foreach (var directory in _directories)
        {
            TempDirectory.TryDelete(directory);
        }
    }
}
