using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// Metrics, traces and logs in one place (as eShop's ServiceDefaults): the Prometheus endpoint, spans of the
/// service, its repositories and its outgoing HTTP (S3 included), OTLP export when a collector is configured,
/// and the console log format.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The standard variable the OTLP exporter reads by itself.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddUploadsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        services.AddValidatedOptions<LogFormatOptions, LogFormatOptionsValidator>(LogFormatOptions.Section);
        services.AddSingleton<UploadsMetrics>();
        services.AddSingleton<JobQueueGauges>();
        // The database registration wraps each repository with it as it builds them.
        services.AddSingleton<Persistence.IRepositoryDecorator, TracedRepositories>();
        AddLogFormat(services);

        // Read here, not from the options: they decide what is registered. A bad value is refused at start
        // by the validator, so any reading of one here never runs a service.
        var section = configuration.GetSection(TelemetryOptions.Section);
        var metricsPath = section["Metrics:Path"] is { Length: > 0 } path ? path : new MetricsEndpointOptions().Path;
        var serviceName = section["ServiceName"] is { Length: > 0 } named ? named : new TelemetryOptions().ServiceName;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(UploadsMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            // Always on, exported or not: the traceId of a problem is the request's trace id, the one the
            // client sent in traceparent, so an operator can find a client's failure in their tracing backend.
            .WithTracing(tracing => tracing
                .AddSource(UploadsTracing.SourceName)
                .AddSource("Npgsql")
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path, metricsPath))
                .AddHttpClientInstrumentation());
        if (OtlpEndpoint(configuration) is { } endpoint)
        {
            var protocol = string.Equals(section["Otlp:Protocol"], OtlpOptions.HttpProtobuf, StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        return services;
    }

    /// <summary>The scrape endpoint (unless <c>Telemetry:Metrics:Enabled</c> is false) and the request log.</summary>
    public static WebApplication UseUploadsTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        app.UseMiddleware<RequestLog>();
        // The instruments exist from the start, so the first scrape already lists every metric at zero.
        app.Services.GetRequiredService<JobQueueGauges>();
        if (options.Metrics.Enabled && TelemetryOptionsValidator.IsPath(options.Metrics.Path))
        {
            // Anonymous, as Prometheus scrapes: it tells counts and durations, never an id, a name or a key.
            app.MapPrometheusScrapingEndpoint(options.Metrics.Path).AllowAnonymous().AnswerHeadToo();
        }
        return app;
    }

    internal static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var configured = configuration[$"{TelemetryOptions.Section}:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = configuration[OtlpEndpointVariable];
        }
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    // Health probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsProbe(PathString path, string metricsPath) =>
        path.Equals("/healthz") || path.Equals("/readyz") || path.Equals(metricsPath, StringComparison.OrdinalIgnoreCase);

    private static void AddLogFormat(IServiceCollection services)
    {
        // The raw setting, not the validated options: the console logger exists before the start's check, and a
        // bad value must reach that check (one line naming it) rather than throw from inside the logger.
        services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration, IHostEnvironment>((console, configuration, environment) =>
            console.FormatterName = configuration[$"{LogFormatOptions.Section}:Format"]?.ToLowerInvariant() switch
            {
                LogFormatOptions.Simple => ConsoleFormatterNames.Simple,
                LogFormatOptions.Json => ConsoleFormatterNames.Json,
                _ => environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json,
            });
        services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            // Scopes carry the TraceId and SpanId of the request or job the line belongs to.
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
