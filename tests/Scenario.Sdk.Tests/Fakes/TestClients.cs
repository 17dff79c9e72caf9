namespace Scenario.Sdk.Tests.Fakes;

/// <summary>Clients wired to a fake handler, with fixed credentials and no real environment.</summary>
public static class TestClients
{
    public const string BaseUrl = "http://127.0.0.1:5080/v1";

    public static ScenarioClient For(HttpMessageHandler handler, int? maxRetries = null, TimeSpan? timeout = null) => new(new ScenarioClientOptions
    {
        ApiKey = "key",
        ApiSecret = "secret",
        BaseUrl = BaseUrl,
        HttpMessageHandler = handler,
        MaxRetries = maxRetries,
        Timeout = timeout,
        GetEnvironmentVariable = _ => null,
    });
}
