using Scenario.Testing;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>SDK clients pointed at the fixture's service.</summary>
public static class ServiceClients
{
    public static ScenarioClient Client(this ServiceFixture fixture, HttpMessageHandler? handler = null, string? apiSecret = null) => new(new ScenarioClientOptions
    {
        ApiKey = fixture.Host.ApiKey,
        ApiSecret = apiSecret ?? fixture.Host.ApiSecret,
        BaseUrl = fixture.Host.ApiBaseUrl,
        HttpMessageHandler = handler,
        GetEnvironmentVariable = _ => null,
    });
}
