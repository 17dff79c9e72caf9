using System.Net;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Proxy;

/// <summary>The <c>ForwardedHeaders</c> section, checked at start: a proxy named by host name, or a network without its prefix length, would be trusted never.</summary>
internal sealed class ReverseProxyOptionsValidator(IConfiguration configuration) : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        const string s = ReverseProxyOptions.Section;
        var rules = new ConfigurationRules(configuration);
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                rules.Fail($"{s}:KnownProxies:{i}", options.KnownProxies[i], "an IP address such as 10.0.0.5 or fd00::5");
            }
        }
        for (var i = 0; i < options.KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                rules.Fail($"{s}:KnownNetworks:{i}", options.KnownNetworks[i], "a network in CIDR form such as 10.0.0.0/8 or fd00::/8");
            }
        }
        rules.WholeNumber($"{s}:ForwardLimit", options.ForwardLimit, 1, 16, 1);
        return rules.Result();
    }
}
