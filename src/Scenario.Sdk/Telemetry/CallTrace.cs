using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Scenario.Core;
using Scenario.Exceptions;

namespace Scenario.Telemetry;

/// <summary>
/// The logs and activities of one API call or one part PUT, retries included: the call's activity, the activity
/// of the retry under way (a child of it, so the resent attempt's HTTP activity nests under the retry), a Debug line
/// per attempt, an Information line per retry and a Warning when the retries ran out.
/// </summary>
internal sealed class CallTrace : IDisposable
{
    private static readonly ActivitySource Source = new(ScenarioTelemetry.ActivitySourceName, SdkVersion.Value);

    private readonly ILogger _logger;
    private readonly string _operation;
    private readonly int _maxRetries;
    private readonly Activity? _call;
    private Activity? _retry;
    private int _retries;

    private CallTrace(ILogger logger, string operation, int maxRetries, Activity? call)
    {
        (_logger, _operation, _maxRetries, _call) = (logger, operation, maxRetries, call);
    }

    public static CallTrace Request(ILogger logger, HttpMethod method, Uri uri, int maxRetries)
    {
        var activity = Source.StartActivity(ScenarioTelemetry.RequestActivity, ActivityKind.Client);
        activity?.SetTag("http.request.method", method.Method);
        activity?.SetTag("url.path", uri.AbsolutePath);
        return new CallTrace(logger, $"{method.Method} {uri.AbsolutePath}", maxRetries, activity);
    }

    public static CallTrace Part(ILogger logger, string uploadId, int number, long bytes, int maxRetries)
    {
        var activity = Source.StartActivity(ScenarioTelemetry.PartActivity, ActivityKind.Client);
        activity?.SetTag("scenario.upload.id", uploadId);
        activity?.SetTag("scenario.part.number", number);
        activity?.SetTag("scenario.part.bytes", bytes);
        activity?.SetTag("http.request.method", HttpMethod.Put.Method);
        return new CallTrace(logger, $"Part {number} of upload {uploadId}", maxRetries, activity);
    }

    /// <summary>An attempt got an answer, whatever its status.</summary>
    public void Answered(HttpRequestMessage request, int statusCode, long startedAt)
    {
        SdkLog.Answered(_logger, request.Method.Method, PathOf(request), statusCode, ElapsedMs(startedAt));
        _call?.SetTag("url.path", PathOf(request));
        _call?.SetTag("http.response.status_code", statusCode);
        _retry?.SetTag("http.response.status_code", statusCode);
    }

    /// <summary>An attempt got no answer (a timeout or a network error); returns <paramref name="failure"/>.</summary>
    public ScenarioException NoAnswer(HttpRequestMessage request, ScenarioException failure, long startedAt)
    {
        SdkLog.NoAnswer(_logger, request.Method.Method, PathOf(request), ElapsedMs(startedAt), FailureReason.Of(failure));
        _retry?.SetTag("error.type", FailureReason.TypeOf(failure));
        return failure;
    }

    /// <summary>The attempt failed and will be sent again after <paramref name="delay"/>.</summary>
    public void Retrying(ScenarioException failure, TimeSpan delay)
    {
        _retries++;
        var reason = FailureReason.Of(failure);
        var delayMs = (long)delay.TotalMilliseconds;
        SdkLog.Retrying(_logger, _operation, reason, _retries, _maxRetries, delayMs);
        _call?.SetTag("scenario.retries", _retries);
        // The previous retry ends here: its attempt failed too.
        _retry?.Dispose();
        _retry = Source.StartActivity(ScenarioTelemetry.RetryActivity);
        _retry?.SetTag("scenario.retry.attempt", _retries);
        _retry?.SetTag("scenario.retry.reason", reason);
        _retry?.SetTag("scenario.retry.delay_ms", delayMs);
    }

    /// <summary>The call ends with <paramref name="failure"/>; <paramref name="retriesRanOut"/> when it could have succeeded later.</summary>
    public void Failed(ScenarioException failure, bool retriesRanOut)
    {
        var reason = FailureReason.Of(failure);
        if (retriesRanOut)
        {
            SdkLog.GaveUp(_logger, _operation, reason, _retries + 1);
        }
        _call?.SetTag("error.type", FailureReason.TypeOf(failure));
        _call?.SetStatus(ActivityStatusCode.Error, reason);
    }

    public void Dispose()
    {
        _retry?.Dispose();
        _call?.Dispose();
    }

    // The path alone: the query of a signed part URL is its signature.
    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    private static long ElapsedMs(long startedAt) => (long)Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
}
