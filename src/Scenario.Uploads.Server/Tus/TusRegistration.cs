using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tus;

public static class TusRegistration
{
    /// <summary>The CORS policy of <c>/v1/tus</c>: the API's origins, with the protocols' methods and headers.</summary>
    public const string CorsPolicy = "tus";

    public static IServiceCollection AddResumableProtocols(this IServiceCollection services)
    {
        // Both stores take appends; the one configured is the one appended to.
        services.AddSingleton(sp => (IAppendStore)sp.GetRequiredService<IBlobStore>());
        services.AddSingleton<AppendCompletion>();
        services.AddSingleton<Appender>();
        services.AddSingleton<TusCreation>();
        services.AddSingleton<UploadTermination>();
        services.AddSingleton<TusHandlers>();
        services.AddSingleton<RufhHandlers>();
        services.AddOptions<CorsOptions>().Configure<ApiCorsOrigins, IOptions<ApiCorsOptions>>((cors, origins, options) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .SetIsOriginAllowed(origins.Allows)
                .WithMethods("GET", "HEAD", "POST", "PATCH", "DELETE")
                .WithHeaders(["Authorization", "Content-Type", "Content-Disposition", .. TusHeaders.All])
                .WithExposedHeaders(["Retry-After", "WWW-Authenticate", .. TusHeaders.All])
                .SetPreflightMaxAge(options.Value.PreflightMaxAge)));
        return services;
    }

    /// <summary>
    /// tus 1.0.0: a POST with <c>X-HTTP-Method-Override</c> is the request of that method (PATCH, DELETE), for
    /// environments that cannot send them. Only under <c>/v1/tus</c>: the API's own endpoints take no override.
    /// </summary>
    public static IApplicationBuilder UseTusMethodOverride(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(TusEndpoints.Path),
            tus => tus.UseHttpMethodOverride(new HttpMethodOverrideOptions()));
}
