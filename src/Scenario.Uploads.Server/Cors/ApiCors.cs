using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Cors;

/// <summary>
/// The CORS policy of the <c>/v1</c> API (<see cref="ApiCorsOptions.AllowedOrigins"/>). HTTP Basic goes in an
/// Authorization header the app's script sets, so no credentials mode is needed or allowed: a browser's
/// cookies and remembered Basic logins are never sent with these requests.
/// </summary>
public static class ApiCors
{
    public const string Policy = "api";

    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiCorsOptions, ApiCorsOptionsValidator>(ApiCorsOptions.Section);
        services.AddSingleton<ApiCorsOrigins>();
        services.AddOptions<CorsOptions>().Configure<ApiCorsOrigins, IOptions<ApiCorsOptions>>((cors, origins, options) =>
            cors.AddPolicy(Policy, policy => policy
                .SetIsOriginAllowed(origins.Allows)
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type")
                // What a client reads besides the body: when to retry a 429/503/507, the Basic challenge of a 401.
                .WithExposedHeaders("Retry-After", "WWW-Authenticate", "ETag")
                .SetPreflightMaxAge(options.Value.PreflightMaxAge)));
        return services;
    }
}
