namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Auth</c> section: API keys given by configuration (<c>Auth__ApiKeys__0__ApiKey=…</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];
}

public sealed class ConfiguredApiKey
{
    public string ApiKey { get; set; } = "";
    public string ApiSecret { get; set; } = "";
    public string? OwnerId { get; set; }
    public string? AuthorId { get; set; }
}
