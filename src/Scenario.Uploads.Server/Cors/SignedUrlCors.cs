using Scenario.Uploads.Server.Endpoints;

namespace Scenario.Uploads.Server.Cors;

/// <summary>
/// The CORS policy of the signed URLs (part PUTs, downloads): any origin, since the URL is its own authorisation,
/// and the headers a browser must read (a part's ETag, a download's range).
/// </summary>
public static class SignedUrlCors
{
    public static IServiceCollection AddSignedUrlCors(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(PartEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("PUT", "GET", "HEAD")
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Content-Length", "Content-Range", "Accept-Ranges")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
