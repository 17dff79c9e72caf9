using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Jobs</c> section, checked at start: a worker with no slot or no attempt would never import anything.</summary>
internal sealed class JobsOptionsValidator(IConfiguration configuration) : IValidateOptions<JobsOptions>
{
    private static readonly JobsOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        const string s = JobsOptions.Section;
        var rules = new ConfigurationRules(configuration);
        rules.WholeNumber($"{s}:Concurrency", options.Concurrency, 1, 1024, Defaults.Concurrency);
        rules.WholeNumber($"{s}:MaxAttempts", options.MaxAttempts, 1, null, Defaults.MaxAttempts);
        // The lease is renewed every third of it, by a timer.
        rules.Duration($"{s}:LeaseDuration", options.LeaseDuration, Defaults.LeaseDuration, ConfigurationRules.LongestInterval);
        rules.Duration($"{s}:PollInterval", options.PollInterval, Defaults.PollInterval, ConfigurationRules.LongestInterval);
        return rules.Result();
    }
}
