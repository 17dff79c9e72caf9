using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Auth</c> section, checked at start: a configured key needs both halves. Secrets are never echoed.</summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var rules = new ConfigurationRules(configuration);
        // The binder fills the list in the order of the configuration's children: name entries by their own keys.
        var entries = configuration.GetSection($"{AuthOptions.Section}:ApiKeys").GetChildren().Select(c => c.Key).ToList();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var prefix = $"{AuthOptions.Section}:ApiKeys:{(entries.Count == options.ApiKeys.Count ? entries[i] : i)}";
            if (string.IsNullOrWhiteSpace(key.ApiKey) && !string.IsNullOrWhiteSpace(key.ApiSecret))
            {
                rules.Fail($"{prefix}:ApiKey", key.ApiKey, "the id of the key whose ApiSecret is given, such as ops-key");
            }
            else if (!string.IsNullOrWhiteSpace(key.ApiKey) && string.IsNullOrWhiteSpace(key.ApiSecret))
            {
                rules.Fail($"{prefix}:ApiSecret", key.ApiSecret, $"the secret of API key '{key.ApiKey}'");
            }
        }
        return rules.Result();
    }
}
