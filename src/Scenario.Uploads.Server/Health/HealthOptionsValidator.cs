using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Health;

/// <summary>The <c>Health</c> section, checked at start: a zero timeout or threshold would make every probe fail.</summary>
internal sealed class HealthOptionsValidator(IConfiguration configuration) : IValidateOptions<HealthOptions>
{
    private static readonly HealthOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        const string s = HealthOptions.Section;
        var rules = new ConfigurationRules(configuration);
        rules.Duration($"{s}:CheckTimeout", options.CheckTimeout, Defaults.CheckTimeout, ConfigurationRules.LongestInterval);
        rules.WholeNumber($"{s}:MinFreeSpace", options.MinFreeSpace, 0, null, Defaults.MinFreeSpace, " of bytes");
        rules.WholeNumber($"{s}:WorkerStalledAfterPolls", options.WorkerStalledAfterPolls, 2, 1_000_000, Defaults.WorkerStalledAfterPolls);
        return rules.Result();
    }
}
