using Scenario.Exceptions;

namespace Scenario.Telemetry;

/// <summary>A failure in a few words for logs and tags: the status and problem code, or what the network did.</summary>
internal static class FailureReason
{
    public static string Of(ScenarioException failure) => failure switch
    {
        ScenarioApiException { Code: { } code } api => $"HTTP {(int)api.StatusCode} {code}",
        ScenarioApiException api => $"HTTP {(int)api.StatusCode}",
        ScenarioTimeoutException => "timed out",
        // The network error's own message names at most a host and port, never the URL's query.
        ScenarioConnectionException { InnerException: { } inner } => "connection failed: " + inner.Message,
        _ => failure.Message,
    };

    /// <summary>The low-cardinality <c>error.type</c> tag: the status code, <c>timeout</c> or <c>connection</c>.</summary>
    public static string TypeOf(ScenarioException failure) => failure switch
    {
        ScenarioApiException api => ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScenarioTimeoutException => "timeout",
        ScenarioConnectionException => "connection",
        _ => failure.GetType().Name,
    };
}
