using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Scenario.Uploads.Server.Endpoints;
using Scenario.Uploads.Server.Http;
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
        // Registered after Kestrel's own pool factory, so the socket transport takes this one.
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, ReceiveBlockPool.Factory>();
        builder.Services.AddUploadsService(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseUploadsTelemetry();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A malformed request that Kestrel rejects mid-body (broken framing, a chunk size that overflows, a
            // body over the limit) is the client's error, not ours: its 4xx, and not logged as our failure.
            StatusCodeSelector = e => ClientRequestErrors.StatusOf(e) ?? StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = c => ClientRequestErrors.StatusOf(c.Exception) is not null,
        });
        app.UseStatusCodePages();
        app.UseUploadPage();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapUploadEndpoints();
        app.MapPartEndpoints();
        app.MapEntityEndpoints();
        app.MapFileEndpoints();
        app.MapUploadPage();
        return app;
    }
}
