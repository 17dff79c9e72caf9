using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>The <c>Webhooks</c> section, checked at start: a refused URL stops the service, not its first delivery.</summary>
internal sealed class WebhooksOptionsValidator(IConfiguration configuration) : IValidateOptions<WebhooksOptions>
{
    /// <summary>Shorter secrets are guessable from signatures; 32 random bytes in hex or base64 is the usual choice.</summary>
    public const int MinSecretLength = 16;

    private static readonly WebhooksOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        const string s = WebhooksOptions.Section;
        var rules = new ConfigurationRules(configuration);
        var allowPrivate = configuration.GetValue<bool>("Imports:AllowPrivateNetworks");
        foreach (var (key, target) in options.Keys)
        {
            if (Uri.TryCreate(target.Url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo))
            {
                rules.FailHidden($"{s}:Keys:{key}:Url", "holds credentials (user:password@), which would travel with every delivery",
                    "a URL without credentials: the signature authenticates the service to the receiver");
            }
            else if (WebhookUrlCheck.Refusal(target.Url, allowPrivate) is { } why)
            {
                rules.Fail($"{s}:Keys:{key}:Url", target.Url, $"an http:// or https:// URL of a public host without credentials (it is {why})");
            }
            if (string.IsNullOrEmpty(target.Secret) || target.Secret.Length < MinSecretLength)
            {
                rules.FailHidden($"{s}:Keys:{key}:Secret", "is missing or too short", $"a secret of at least {MinSecretLength} characters");
            }
        }
        rules.WholeNumber($"{s}:MaxAttempts", options.MaxAttempts, 1, 100, Defaults.MaxAttempts);
        rules.Duration($"{s}:FirstRetryDelay", options.FirstRetryDelay, Defaults.FirstRetryDelay, ConfigurationRules.LongestInterval);
        rules.Duration($"{s}:MaxRetryDelay", options.MaxRetryDelay, Defaults.MaxRetryDelay, ConfigurationRules.LongestInterval);
        rules.Duration($"{s}:Timeout", options.Timeout, Defaults.Timeout, TimeSpan.FromMinutes(5));
        return rules.Result();
    }
}
