using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Quotas;

/// <summary>The <c>Quotas</c> section, checked at start: each limit a whole number (0 allows nothing).</summary>
internal sealed class QuotasOptionsValidator(IConfiguration configuration) : IValidateOptions<QuotasOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotasOptions options)
    {
        const string s = QuotasOptions.Section;
        var rules = new ConfigurationRules(configuration);
        Check(rules, s, options.StoredBytes, options.PendingBytes, options.PendingUploads);
        foreach (var (key, limits) in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                rules.Fail($"{s}:Keys", key, "an API key under Quotas:Keys, such as Quotas:Keys:my-key:StoredBytes");
            }
            Check(rules, $"{s}:Keys:{key}", limits.StoredBytes, limits.PendingBytes, limits.PendingUploads);
        }
        CheckUnbound(rules, configuration.GetSection($"{s}:Keys"));
        return rules.Result();
    }

    private static readonly HashSet<string> Limits = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(QuotaOverride.StoredBytes), nameof(QuotaOverride.PendingBytes), nameof(QuotaOverride.PendingUploads),
    };

    // The binder leaves out a dictionary entry's value it cannot convert, silently: the override would vanish.
    private static void CheckUnbound(ConfigurationRules rules, IConfigurationSection keys)
    {
        foreach (var limit in keys.GetChildren().SelectMany(key => key.GetChildren()))
        {
            if (Limits.Contains(limit.Key) && !string.IsNullOrEmpty(limit.Value)
                && !long.TryParse(limit.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                rules.Fail(limit.Path, limit.Value, "a whole number of at least 0, such as 1073741824, or no value for the default");
            }
        }
    }

    private static void Check(ConfigurationRules rules, string prefix, long? storedBytes, long? pendingBytes, long? pendingUploads)
    {
        if (storedBytes is { } stored)
        {
            rules.WholeNumber($"{prefix}:StoredBytes", stored, 0, null, 10L << 30, " of bytes");
        }
        if (pendingBytes is { } pending)
        {
            rules.WholeNumber($"{prefix}:PendingBytes", pending, 0, null, 1L << 30, " of bytes");
        }
        if (pendingUploads is { } count)
        {
            rules.WholeNumber($"{prefix}:PendingUploads", count, 0, null, 100, " of uploads");
        }
    }
}
