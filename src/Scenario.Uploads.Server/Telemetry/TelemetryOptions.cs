namespace Scenario.Uploads.Server.Telemetry;

/// <summary>The <c>Telemetry</c> section: the Prometheus endpoint and where traces and metrics are exported.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public MetricsEndpointOptions Metrics { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>The <c>service.name</c> of every span and metric exported.</summary>
    public string ServiceName { get; set; } = "scenario-uploads";
}

/// <summary><c>Telemetry:Metrics</c>: the Prometheus text endpoint.</summary>
public sealed class MetricsEndpointOptions
{
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";
}

/// <summary>
/// <c>Telemetry:Otlp</c>: an OpenTelemetry collector to push traces and metrics to. Unset (and with no
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> in the environment), nothing leaves the process.
/// </summary>
public sealed class OtlpOptions
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    public string? Endpoint { get; set; }

    public string Protocol { get; set; } = Grpc;
}

/// <summary><c>Logging:Format</c>: how the console logs are written.</summary>
public sealed class LogFormatOptions
{
    public const string Section = "Logging";
    public const string Json = "json";
    public const string Simple = "simple";

    /// <summary><c>json</c> or <c>simple</c>; unset, JSON except in the Development environment.</summary>
    public string? Format { get; set; }
}
