namespace Scenario.Uploads.Server.Telemetry;

/// <summary>The startup banner's line on telemetry: where metrics are scraped, the log format, where traces go.</summary>
internal static class TelemetryBanner
{
    public static string Describe(TelemetryOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var metrics = options.Metrics.Enabled ? $"metrics at {options.Metrics.Path}" : "metrics off";
        var format = configuration[$"{LogFormatOptions.Section}:Format"]?.ToLowerInvariant()
            ?? (environment.IsDevelopment() ? LogFormatOptions.Simple : LogFormatOptions.Json);
        var otlp = TelemetryRegistration.OtlpEndpoint(configuration);
        var traces = otlp is null ? "traces not exported" : $"traces and metrics to {otlp.GetLeftPart(UriPartial.Authority)}";
        return $"{metrics}, {format} logs, {traces}";
    }
}
