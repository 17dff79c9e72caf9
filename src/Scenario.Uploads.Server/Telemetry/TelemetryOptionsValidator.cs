using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>The <c>Telemetry</c> section, checked at start: a bad path or collector address would fail silently later.</summary>
internal sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        const string s = TelemetryOptions.Section;
        var rules = new ConfigurationRules(configuration);
        if (!IsPath(options.Metrics.Path))
        {
            rules.Fail($"{s}:Metrics:Path", options.Metrics.Path, "a path of letters, digits, '-', '_', '.' and '/' that starts with '/', such as /metrics");
        }
        rules.HttpUrl($"{s}:Otlp:Endpoint", options.Otlp.Endpoint, required: false, "http://127.0.0.1:4317");
        rules.OneOf($"{s}:Otlp:Protocol", options.Otlp.Protocol, OtlpOptions.Grpc, OtlpOptions.HttpProtobuf);
        rules.Required($"{s}:ServiceName", options.ServiceName, "a name such as scenario-uploads");
        return rules.Result();
    }

    // The API's own routes live under /v1 and the page at /: a scrape path must not shadow them.
    internal static bool IsPath(string? path) =>
        path is ['/', _, ..] && !path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !path.Equals("/v1", StringComparison.OrdinalIgnoreCase)
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
}

/// <summary><c>Logging:Format</c>, checked at start.</summary>
internal sealed class LogFormatOptionsValidator(IConfiguration configuration) : IValidateOptions<LogFormatOptions>
{
    public ValidateOptionsResult Validate(string? name, LogFormatOptions options)
    {
        var rules = new ConfigurationRules(configuration);
        if (options.Format is not null)
        {
            rules.OneOf($"{LogFormatOptions.Section}:Format", options.Format, LogFormatOptions.Json, LogFormatOptions.Simple);
        }
        return rules.Result();
    }
}
