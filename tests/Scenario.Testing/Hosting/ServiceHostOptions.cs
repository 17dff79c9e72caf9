namespace Scenario.Testing;

/// <summary>How to start the service for a test.</summary>
public sealed record ServiceHostOptions
{
    /// <summary>The data directory; a fresh temporary one when null (deleted on dispose).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Extra configuration, e.g. <c>["Uploads:PendingLifetime"] = "00:00:01"</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The loopback port; a free one when 0. Restarts keep it, so signed URLs stay valid.</summary>
    public int Port { get; init; }
}

/// <summary>The API keys every test host is configured with: two owners, for isolation tests.</summary>
public static class TestKeys
{
    public const string ApiKey = "test-key";
    public const string ApiSecret = "test-secret-0123456789";
    public const string OwnerId = "owner_test";
    public const string OtherApiKey = "other-key";
    public const string OtherApiSecret = "other-secret-0123456789";
    public const string OtherOwnerId = "owner_other";

    public static IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Auth:ApiKeys:0:ApiKey", ApiKey),
        new("Auth:ApiKeys:0:ApiSecret", ApiSecret),
        new("Auth:ApiKeys:0:OwnerId", OwnerId),
        new("Auth:ApiKeys:0:AuthorId", "author_test"),
        new("Auth:ApiKeys:1:ApiKey", OtherApiKey),
        new("Auth:ApiKeys:1:ApiSecret", OtherApiSecret),
        new("Auth:ApiKeys:1:OwnerId", OtherOwnerId),
        new("Auth:ApiKeys:1:AuthorId", "author_other"),
        // A small reserve (the default is 256 MiB, half of it a ballast file): tests start many hosts at once.
        new("Storage:ReservedSpace", "8388608"),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Error"),
        // No test may reach the real hubs: unless a test points them at a stand-in, they are a closed
        // loopback port, which the default policy (no private networks) refuses before connecting.
        new("Imports:HuggingFace:Endpoint", "http://127.0.0.1:9"),
        new("Imports:Civitai:Endpoint", "http://127.0.0.1:9"),
    ];
}
