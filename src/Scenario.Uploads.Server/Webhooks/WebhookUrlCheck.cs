using System.Net;
using Scenario.Uploads.Server.Imports;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// Whether a webhook URL may be configured: http(s), no credentials, and not at an address the import
/// policy refuses (<see cref="AddressPolicy"/>, under the same <c>Imports:AllowPrivateNetworks</c>). A name
/// is judged again at every delivery, by the address it then resolves to (<see cref="GuardedConnector"/>).
/// </summary>
public static class WebhookUrlCheck
{
    /// <summary>Why <paramref name="url"/> is refused, or null.</summary>
    public static string? Refusal(string? url, bool allowPrivateNetworks)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return "not an absolute http:// or https:// URL";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "a URL with credentials (user:password@), which would be sent with every delivery";
        }
        if (allowPrivateNetworks)
        {
            return null;
        }
        var host = uri.IdnHost;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && AddressPolicy.Classify(address) is { } why)
        {
            return $"at a {why} address, which webhooks (like imports) do not reach unless Imports:AllowPrivateNetworks is true";
        }
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "at a loopback address, which webhooks (like imports) do not reach unless Imports:AllowPrivateNetworks is true";
        }
        return null;
    }
}
