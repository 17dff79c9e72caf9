using System.Net.Http.Headers;

namespace Scenario.Uploads.Server.Imports;

/// <summary>A bearer token that belongs to one origin (scheme, host and port) and is sent nowhere else.</summary>
public sealed record HostCredential(Uri Origin, string Token)
{
    public static HostCredential? For(string endpoint, string? token) =>
        string.IsNullOrWhiteSpace(token) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var origin) ? null : new(origin, token);

    public bool AppliesTo(Uri url) =>
        Uri.Compare(url, Origin, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    public AuthenticationHeaderValue Header => new("Bearer", Token);
}
