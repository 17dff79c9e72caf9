namespace Scenario.Core;

/// <summary>How a bad setting is named: its configuration key when bound from a section, its property otherwise.</summary>
internal readonly struct SettingKeys(string? section)
{
    /// <summary><c>Scenario:BaseUrl</c> under section <c>Scenario</c>; <c>BaseUrl</c> at the root; the property name in code.</summary>
    public string Of(string property) => section switch
    {
        null => property,
        "" => property,
        _ => $"{section}:{property}",
    };

    public void MissingCredentials(bool key, bool secret, List<string> problems)
    {
        if (section is null)
        {
            // The CLI rewrites the last words into its own options: keep them as they are.
            problems.Add($"Missing API credentials: set {ScenarioClientOptions.ApiKeyVariable} and {ScenarioClientOptions.ApiSecretVariable}, " +
                "or pass ApiKey and ApiSecret in ScenarioClientOptions.");
            return;
        }
        if (key)
        {
            problems.Add($"{Of(nameof(ScenarioClientOptions.ApiKey))} is missing; set it, or the {ScenarioClientOptions.ApiKeyVariable} environment variable.");
        }
        if (secret)
        {
            problems.Add($"{Of(nameof(ScenarioClientOptions.ApiSecret))} is missing; set it, or the {ScenarioClientOptions.ApiSecretVariable} environment variable.");
        }
    }
}
