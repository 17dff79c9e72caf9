using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>The real service on 127.0.0.1 and the environment that points the CLI at it.</summary>
public sealed class CliServiceFixture : IAsyncLifetime
{
    private ServiceHost? _host;

    public ServiceHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public Dictionary<string, string> Env => new()
    {
        ["SCENARIO_SDK_API_KEY"] = Host.ApiKey,
        ["SCENARIO_SDK_API_SECRET"] = Host.ApiSecret,
        ["SCENARIO_BASE_URL"] = Host.ApiBaseUrl,
    };

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
