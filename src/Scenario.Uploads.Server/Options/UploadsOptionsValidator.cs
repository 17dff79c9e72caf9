using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>
/// The <c>Uploads</c> section, checked at start: a bad value used to surface later, as URLs signed already
/// expired, a 500 on every create (a short signing key) or a timer's unnamed <c>period</c>.
/// </summary>
internal sealed class UploadsOptionsValidator(IConfiguration configuration) : IValidateOptions<UploadsOptions>
{
    public const int SigningKeyBytes = 32;

    private static readonly UploadsOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, UploadsOptions options)
    {
        const string s = UploadsOptions.Section;
        var rules = new ConfigurationRules(configuration);
        rules.Required($"{s}:DataDirectory", options.DataDirectory, "a folder such as ./data or /srv/uploads");
        rules.HttpUrl($"{s}:PublicBaseUrl", options.PublicBaseUrl, required: false, "https://uploads.example.com");
        rules.Duration($"{s}:PartUrlLifetime", options.PartUrlLifetime, Defaults.PartUrlLifetime, ConfigurationRules.LongestLifetime);
        rules.Duration($"{s}:PendingLifetime", options.PendingLifetime, Defaults.PendingLifetime, ConfigurationRules.LongestLifetime);
        rules.Duration($"{s}:DownloadUrlLifetime", options.DownloadUrlLifetime, Defaults.DownloadUrlLifetime, ConfigurationRules.LongestLifetime);
        rules.Duration($"{s}:SweepInterval", options.SweepInterval, Defaults.SweepInterval, ConfigurationRules.LongestInterval);
        rules.WholeNumber($"{s}:MaxFileSize", options.MaxFileSize, 1, null, Defaults.MaxFileSize, " of bytes");
        rules.WholeNumber($"{s}:MaxPartsInFlightPerOwner", options.MaxPartsInFlightPerOwner, 1, null, Defaults.MaxPartsInFlightPerOwner);
        rules.Duration($"{s}:PartIdleTimeout", options.PartIdleTimeout, Defaults.PartIdleTimeout, ConfigurationRules.LongestInterval);
        rules.Duration($"{s}:ShutdownTimeout", options.ShutdownTimeout, Defaults.ShutdownTimeout, ConfigurationRules.LongestInterval);
        rules.Duration($"{s}:IdempotencyKeyLifetime", options.IdempotencyKeyLifetime, Defaults.IdempotencyKeyLifetime, ConfigurationRules.LongestInterval);
        if (!string.IsNullOrWhiteSpace(options.SigningKey) && !IsSigningKey(options.SigningKey))
        {
            // A secret is never echoed, not even a wrong one (it may be a real key pasted into the wrong setting).
            rules.FailHidden($"{s}:SigningKey", $"is not a signing key ({options.SigningKey.Length} characters)",
                $"base64 of at least {SigningKeyBytes} random bytes, such as the output of: openssl rand -base64 {SigningKeyBytes}");
        }
        return rules.Result();
    }

    private static bool IsSigningKey(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), bytes, out var length) && length >= SigningKeyBytes;
    }
}
