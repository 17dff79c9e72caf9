using System.Net.Http.Headers;
using System.Text;
using Scenario.Exceptions;

namespace Scenario.Core;

/// <summary>The options after falling back to the environment and the defaults, checked once.</summary>
internal sealed record ResolvedSettings(Uri BaseUrl, AuthenticationHeaderValue Authorization, TimeSpan Timeout, int MaxRetries)
{
    public static ResolvedSettings From(ScenarioClientOptions options)
    {
        var env = options.GetEnvironmentVariable;
        var key = NonEmpty(options.ApiKey) ?? NonEmpty(env(ScenarioClientOptions.ApiKeyVariable));
        var secret = NonEmpty(options.ApiSecret) ?? NonEmpty(env(ScenarioClientOptions.ApiSecretVariable));
        if (key is null || secret is null)
        {
            throw new ScenarioConfigurationException(
                $"Missing API credentials: set {ScenarioClientOptions.ApiKeyVariable} and {ScenarioClientOptions.ApiSecretVariable}, " +
                "or pass ApiKey and ApiSecret in ScenarioClientOptions.");
        }
        var baseText = NonEmpty(options.BaseUrl) ?? NonEmpty(env(ScenarioClientOptions.BaseUrlVariable)) ?? ScenarioClientOptions.DefaultBaseUrl;
        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ScenarioConfigurationException($"Invalid base URL '{baseText}': expected an absolute http(s) URL such as {ScenarioClientOptions.DefaultBaseUrl}.");
        }
        // A trailing slash makes relative paths append to /v1 instead of replacing it.
        baseUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));
        var maxRetries = Math.Max(0, options.MaxRetries ?? ScenarioClientOptions.DefaultMaxRetries);
        return new ResolvedSettings(baseUrl, new AuthenticationHeaderValue("Basic", token), options.Timeout ?? ScenarioClientOptions.DefaultTimeout, maxRetries);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
