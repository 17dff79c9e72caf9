using System.Net.Http.Headers;
using System.Text;
using Scenario.Exceptions;

namespace Scenario.Core;

/// <summary>The options after falling back to the environment and the defaults, checked once.</summary>
internal sealed record ResolvedSettings(Uri BaseUrl, AuthenticationHeaderValue Authorization, TimeSpan Timeout, int MaxRetries)
{
    /// <summary>Resolves the options of a client built directly.</summary>
    /// <exception cref="ScenarioConfigurationException">A setting is missing or invalid.</exception>
    public static ResolvedSettings From(ScenarioClientOptions options)
    {
        var problems = new List<string>();
        return TryResolve(options, section: null, problems) ?? throw new ScenarioConfigurationException(string.Join(" ", problems));
    }

    /// <summary>
    /// Resolves the options, or adds to <paramref name="problems"/> one line per bad setting, naming its key
    /// (<c>Scenario:BaseUrl</c> for <paramref name="section"/> <c>Scenario</c>) or the environment variable it came from.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The configuration section they were bound from; null for options set in code.</param>
    /// <param name="problems">Receives the problems.</param>
    public static ResolvedSettings? TryResolve(ScenarioClientOptions options, string? section, List<string> problems)
    {
        var keys = new SettingKeys(section);
        var env = options.GetEnvironmentVariable;
        var key = NonEmpty(options.ApiKey) ?? NonEmpty(env(ScenarioClientOptions.ApiKeyVariable));
        var secret = NonEmpty(options.ApiSecret) ?? NonEmpty(env(ScenarioClientOptions.ApiSecretVariable));
        if (key is null || secret is null)
        {
            keys.MissingCredentials(key is null, secret is null, problems);
        }
        var fromOptions = NonEmpty(options.BaseUrl);
        var baseText = fromOptions ?? NonEmpty(env(ScenarioClientOptions.BaseUrlVariable)) ?? ScenarioClientOptions.DefaultBaseUrl;
        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            var source = fromOptions is null ? ScenarioClientOptions.BaseUrlVariable : keys.Of(nameof(options.BaseUrl));
            problems.Add($"{source} is '{baseText}'; expected an absolute http(s) URL such as {ScenarioClientOptions.DefaultBaseUrl}.");
        }
        // CancelAfter takes at most about 49 days; a day is already far beyond any API answer.
        if (options.Timeout is { } limit && limit != System.Threading.Timeout.InfiniteTimeSpan && (limit <= TimeSpan.Zero || limit > TimeSpan.FromDays(1)))
        {
            problems.Add($"{keys.Of(nameof(options.Timeout))} is '{limit:c}'; expected a positive duration of at most 1.00:00:00, such as 00:01:00.");
        }
        if (options.MaxRetries is < 0)
        {
            problems.Add($"{keys.Of(nameof(options.MaxRetries))} is '{options.MaxRetries}'; expected a whole number of at least 0, such as 2.");
        }
        if (problems.Count > 0)
        {
            return null;
        }
        // A trailing slash makes relative paths append to /v1 instead of replacing it.
        baseUrl = new Uri(baseUrl!.AbsoluteUri.TrimEnd('/') + "/");
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));
        var maxRetries = options.MaxRetries ?? ScenarioClientOptions.DefaultMaxRetries;
        return new ResolvedSettings(baseUrl, new AuthenticationHeaderValue("Basic", token), options.Timeout ?? ScenarioClientOptions.DefaultTimeout, maxRetries);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
