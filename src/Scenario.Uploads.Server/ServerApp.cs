using Scenario.Uploads.Server.Tus;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Backends;
using Scenario.Uploads.Server.Cors;
using Scenario.Uploads.Server.DiskSpace;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Health;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Proxy;
using Scenario.Uploads.Server.Quotas;
using Scenario.Uploads.Server.RateLimits;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Server.Webhooks;

namespace Scenario.Uploads.Server;

/// <summary>
/// The service, top to bottom: its services (each integration binds and validates its own section where it is
/// added), then its pipeline and endpoints. <c>Program</c> runs it; the keys command and the tests build it.
/// </summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        UsePipeline(app);
        app.MapHealthEndpoints();
        app.MapUploadEndpoints();
        app.MapPartEndpoints();
        app.MapTusEndpoints();
        app.MapEntityEndpoints();
        app.MapFileEndpoints();
        app.MapUploadPage();
        app.MapApiReference();
        return app;
    }

    /// <summary>The builder with every service registered; also what the configuration check reads when no host could be built.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Small by default; the part endpoint raises it to the part's planned size per request.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
        var (services, configuration) = (builder.Services, builder.Configuration);
        // After Kestrel's own pool factory, so the socket transport takes ours.
        services.AddBulkReceive();
        services.AddSingleton(TimeProvider.System);
        // The first hosted service: the schema and keys exist before the worker and the server start.
        services.AddHostedService<StartupInitializer>();
        services.AddUploads();
        services.AddDatabase(configuration);
        services.AddStorage(configuration);
        services.AddPartWrites();
        services.AddResumableProtocols();
        services.AddImports();
        services.AddApiKeyAuth();
        services.AddDiskReserve();
        services.AddQuotas().AddWebhooks();
        services.AddSingleton<BackendFaults>();
        services.AddHostedService<BackendWatch>();
        services.AddUploadJobs();
        services.AddSignedUrlCors();
        services.AddUploadPage();
        services.AddUploadsHealthChecks();
        services.AddUploadsRateLimits();
        services.AddApiCors();
        services.AddReverseProxySupport();
        services.AddApiReference();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDefaults.Apply);
        // The API's answers are written by JsonOkResult with the generated serializers; these options serve the
        // rest (health, problems).
        services.Configure<JsonOptions>(json =>
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddUploadsTelemetry(configuration);
        // Under systemd (deploy/scenario-uploads.service, Type=notify): ready is signalled once the port is bound,
        // and SIGTERM's stop is reported; elsewhere this does nothing.
        services.AddSystemd();
        return builder;
    }

    private static void UsePipeline(WebApplication app)
    {
        var backendFaults = app.Services.GetRequiredService<BackendFaults>();
        // Before routing, which routes by the method: tus's X-HTTP-Method-Override, and only there.
        app.UseTusMethodOverride();
        app.UseRouting();
        // Then: every later step (the request log, the failed-auth limit, signed URLs) sees the client's own address and scheme.
        app.UseReverseProxyHeaders();
        app.UseUploadsTelemetry();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A malformed request that Kestrel rejects mid-body (broken framing, a chunk size that overflows, a
            // body over the limit) is the client's error, not ours: its 4xx, and not logged as our failure.
            // A passing failure of the database or the store is a 503 the client waits out (ProblemDefaults words it),
            // logged once per outage by BackendFaults rather than once per request.
            StatusCodeSelector = e => ClientRequestErrors.StatusOf(e)
                ?? (backendFaults.Classify(e) is not null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError),
            // An exception an IExceptionHandler answered (a full disk's 507) is logged by that handler, in one line.
            SuppressDiagnosticsCallback = c => ClientRequestErrors.StatusOf(c.Exception) is not null
                || c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService
                || backendFaults.Classify(c.Exception) is not null,
        });
        app.UseStatusCodePages();
        app.UseUploadPage();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUploadsRateLimits();
    }
}
