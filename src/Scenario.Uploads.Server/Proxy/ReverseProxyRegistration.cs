using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Proxy;

/// <summary>
/// <c>UseForwardedHeaders</c> from <see cref="ReverseProxyOptions"/>. A request from any other address keeps its
/// own scheme, host and address, so a client cannot pass for another by sending the headers itself.
/// <c>Uploads:PublicBaseUrl</c>, when set, still wins for signed URLs.
/// </summary>
public static class ReverseProxyRegistration
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReverseProxyOptions, ReverseProxyOptionsValidator>(ReverseProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, options) => Apply(forwarded, options.Value));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address, scheme and host.</summary>
    public static IApplicationBuilder UseReverseProxyHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    private static void Apply(ForwardedHeadersOptions forwarded, ReverseProxyOptions options)
    {
        if (!options.Enabled)
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
        forwarded.ForwardLimit = options.ForwardLimit;
        if (options.KnownProxies.Length + options.KnownNetworks.Length == 0)
        {
            return; // the framework's default: a proxy on this machine (loopback)
        }
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in options.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
