using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Scenario.Uploads.Server.ApiReference;
using Scenario.Uploads.Server.Backends;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Proxy;
using Scenario.Uploads.Server.RateLimits;
using Scenario.Uploads.Server.Telemetry;

namespace Scenario.Uploads.Server;

/// <summary>Builds the service; <c>Program</c> runs it and tests start it on a free loopback port.</summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Small by default; the part endpoint raises it to the part's planned size per request.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        // After Kestrel's own pool factory, so the socket transport takes ours.
        builder.Services.AddBulkReceive();
        builder.Services.AddUploadsService(builder.Configuration);
        // Under systemd (deploy/scenario-uploads.service, Type=notify): ready is signalled once the port is bound,
        // and SIGTERM's stop is reported; elsewhere this does nothing.
        builder.Services.AddSystemd();
        configure?.Invoke(builder);

        var app = builder.Build();
        var backendFaults = app.Services.GetRequiredService<BackendFaults>();
        // First: every later step (the request log, the failed-auth limit, signed URLs) sees the client's own address and scheme.
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
        app.MapHealthEndpoints();
        app.MapUploadEndpoints();
        app.MapPartEndpoints();
        app.MapEntityEndpoints();
        app.MapFileEndpoints();
        app.MapUploadPage();
        app.MapApiReference();
        return app;
    }
}
