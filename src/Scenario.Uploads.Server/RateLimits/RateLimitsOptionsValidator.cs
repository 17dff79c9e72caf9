using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>The <c>RateLimits</c> section, checked at start: the limiter itself throws on a zero limit or window, at the first request.</summary>
internal sealed class RateLimitsOptionsValidator(IConfiguration configuration) : IValidateOptions<RateLimitsOptions>
{
    private static readonly RateLimitsOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, RateLimitsOptions options)
    {
        var rules = new ConfigurationRules(configuration);
        Check(rules, nameof(options.Create), options.Create, Defaults.Create);
        Check(rules, nameof(options.Action), options.Action, Defaults.Action);
        Check(rules, nameof(options.Read), options.Read, Defaults.Read);
        Check(rules, nameof(options.FailedAuth), options.FailedAuth, Defaults.FailedAuth);
        rules.Duration($"{RateLimitsOptions.Section}:{nameof(options.InstanceHeartbeat)}", options.InstanceHeartbeat,
            Defaults.InstanceHeartbeat, TimeSpan.FromMinutes(10));
        rules.Duration($"{RateLimitsOptions.Section}:{nameof(options.DatabaseTimeout)}", options.DatabaseTimeout,
            Defaults.DatabaseTimeout, TimeSpan.FromMinutes(1));
        return rules.Result();
    }

    private static void Check(ConfigurationRules rules, string limit, RateLimitWindow window, RateLimitWindow example)
    {
        var key = $"{RateLimitsOptions.Section}:{limit}";
        rules.WholeNumber($"{key}:PermitLimit", window.PermitLimit, 1, null, example.PermitLimit);
        rules.Duration($"{key}:Window", window.Window, example.Window, ConfigurationRules.LongestInterval);
        rules.WholeNumber($"{key}:QueueLimit", window.QueueLimit, 0, 100_000, example.QueueLimit);
    }
}
