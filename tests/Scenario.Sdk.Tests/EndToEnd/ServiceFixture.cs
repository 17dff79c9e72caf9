using Scenario.Testing;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>One real service on 127.0.0.1 for a test class, with clients pointed at it.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private ServiceHost? _host;

    public ServiceHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public ScenarioClient Client(HttpMessageHandler? handler = null, string? apiSecret = null) => new(new ScenarioClientOptions
    {
        ApiKey = Host.ApiKey,
        ApiSecret = apiSecret ?? Host.ApiSecret,
        BaseUrl = Host.ApiBaseUrl,
        HttpMessageHandler = handler,
        GetEnvironmentVariable = _ => null,
    });
}
