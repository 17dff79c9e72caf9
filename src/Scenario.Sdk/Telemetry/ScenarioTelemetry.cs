namespace Scenario.Telemetry;

/// <summary>
/// The names to listen to: the SDK's <see cref="System.Diagnostics.ActivitySource"/> (for OpenTelemetry,
/// <c>AddSource(ScenarioTelemetry.ActivitySourceName)</c>) and the category of its logs.
/// </summary>
public static class ScenarioTelemetry
{
    /// <summary>
    /// The name of the SDK's activity source, <c>Scenario.Sdk</c>: an activity per API call
    /// (<see cref="RequestActivity"/>), per retry (<see cref="RetryActivity"/>) and per part PUT (<see cref="PartActivity"/>).
    /// </summary>
    public const string ActivitySourceName = "Scenario.Sdk";

    /// <summary>The category of the SDK's logs, <c>Scenario.Sdk</c>.</summary>
    public const string LoggerCategory = "Scenario.Sdk";

    /// <summary>
    /// One API call, retries included. Tags: <c>http.request.method</c>, <c>url.path</c>,
    /// <c>http.response.status_code</c> (the last answer), <c>scenario.retries</c>, and <c>error.type</c> on failure.
    /// </summary>
    public const string RequestActivity = "Scenario.Sdk.Request";

    /// <summary>
    /// One part PUT to its signed URL, retries included. Tags: <c>scenario.upload.id</c>, <c>scenario.part.number</c>,
    /// <c>scenario.part.bytes</c>, <c>http.request.method</c>, <c>url.path</c> (never the signed query),
    /// <c>http.response.status_code</c>, <c>scenario.retries</c>, and <c>error.type</c> on failure.
    /// </summary>
    public const string PartActivity = "Scenario.Sdk.Part";

    /// <summary>
    /// One retry, a child of its request or part: the wait, then the attempt sent again. Tags:
    /// <c>scenario.retry.attempt</c> (1 for the first retry), <c>scenario.retry.reason</c>,
    /// <c>scenario.retry.delay_ms</c> and <c>http.response.status_code</c> of the attempt.
    /// </summary>
    public const string RetryActivity = "Scenario.Sdk.Retry";
}
