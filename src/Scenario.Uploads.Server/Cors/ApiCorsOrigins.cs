using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Cors;

/// <summary>
/// The one list of origins trusted to call the API from a browser: the CORS policy answers them, and the
/// cross-site guard lets their state-changing requests through.
/// </summary>
public sealed class ApiCorsOrigins(IOptions<ApiCorsOptions> options)
{
    private readonly FrozenSet<string> _origins = options.Value.AllowedOrigins
        .Select(Normalize).OfType<string>().ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool Allows(string? origin) => !string.IsNullOrEmpty(origin) && _origins.Contains(origin);

    /// <summary>The origin as a browser sends it (<c>https://host[:port]</c>, no default port), or null if it is none.</summary>
    public static string? Normalize(string? value)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority);
    }
}
