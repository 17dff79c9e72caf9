using System.Text.Json.Serialization;

namespace Scenario.Cli.Profiles;

/// <summary>One named connection in the profile file: where the service is and the credentials it takes.</summary>
public sealed record Profile
{
    /// <summary>The API base URL including <c>/v1</c>.</summary>
    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; init; }

    /// <summary>The API key.</summary>
    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; init; }

    /// <summary>The API secret.</summary>
    [JsonPropertyName("apiSecret")]
    public string? ApiSecret { get; init; }
}

/// <summary>The profile file: profiles by name.</summary>
public sealed record ProfileFile
{
    /// <summary>The profiles, by name.</summary>
    [JsonPropertyName("profiles")]
    public Dictionary<string, Profile> Profiles { get; init; } = new(StringComparer.Ordinal);
}
