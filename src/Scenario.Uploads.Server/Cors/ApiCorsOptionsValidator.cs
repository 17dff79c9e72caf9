using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Cors;

/// <summary>
/// The <c>Cors</c> section, checked at start: a browser sends its origin as <c>scheme://host[:port]</c>, so an
/// entry with a path, or no scheme, would match nothing and the app would fail with a bare CORS error.
/// </summary>
internal sealed class ApiCorsOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiCorsOptions>
{
    private static readonly ApiCorsOptions Defaults = new();

    public ValidateOptionsResult Validate(string? name, ApiCorsOptions options)
    {
        const string s = ApiCorsOptions.Section;
        var rules = new ConfigurationRules(configuration);
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            if (ApiCorsOrigins.Normalize(options.AllowedOrigins[i]) is null)
            {
                rules.Fail($"{s}:AllowedOrigins:{i}", options.AllowedOrigins[i],
                    "an http:// or https:// origin without path, query or credentials, such as https://app.example.com");
            }
        }
        rules.Duration($"{s}:PreflightMaxAge", options.PreflightMaxAge, Defaults.PreflightMaxAge, TimeSpan.FromDays(1));
        return rules.Result();
    }
}
