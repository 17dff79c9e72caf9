using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Services;

/// <summary>The base of the URLs the service signs: configured, or the one the client reached.</summary>
public sealed class PublicBaseUrl(IOptions<UploadsOptions> options)
{
    public Uri For(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        var text = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
