using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Signing;

/// <summary>The base of the URLs the service signs, ending in <c>/</c>: configured, or the one the client reached.</summary>
public sealed class PublicBaseUrl(IOptions<UploadsOptions> options)
{
    private readonly string? _configured = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
        ? null
        : WithSlash(new Uri(options.Value.PublicBaseUrl).AbsoluteUri);

    /// <summary><c>Uploads:PublicBaseUrl</c>, ending in <c>/</c>; null when the URLs follow the request.</summary>
    public string? Configured => _configured;

    // Kestrel has already refused a Host header that is not a valid host[:port], so the parts are safe to join.
    public string For(HttpRequest request) =>
        _configured ?? WithSlash($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}");

    private static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
