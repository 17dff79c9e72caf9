namespace Scenario.Uploads.Server.Proxy;

/// <summary>
/// The <c>ForwardedHeaders</c> section: behind a reverse proxy, trust its <c>X-Forwarded-For/-Proto/-Host/-Prefix</c>,
/// so client addresses (the failed-authentication limit) and signed URLs are the client's, not the proxy's.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies whose headers are trusted; with neither this nor networks, loopback only.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies, in CIDR form such as <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are read from the right of each header.</summary>
    public int ForwardLimit { get; set; } = 1;
}
