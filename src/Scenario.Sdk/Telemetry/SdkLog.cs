using Microsoft.Extensions.Logging;

namespace Scenario.Telemetry;

/// <summary>
/// The SDK's log lines. Paths only, never a query (a part URL's query is its signature) and never a header
/// (the Authorization header is the secret).
/// </summary>
internal static partial class SdkLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string method, string path, int statusCode, long elapsedMs);

    [LoggerMessage(2, LogLevel.Debug, "{Method} {Path} got no answer after {ElapsedMs} ms: {Reason}")]
    public static partial void NoAnswer(ILogger logger, string method, string path, long elapsedMs, string reason);

    [LoggerMessage(3, LogLevel.Information, "{Operation} failed ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int retry, int maxRetries, long delayMs);

    [LoggerMessage(4, LogLevel.Warning, "{Operation} failed ({Reason}) after {Attempts} attempts; giving up")]
    public static partial void GaveUp(ILogger logger, string operation, string reason, int attempts);
}
