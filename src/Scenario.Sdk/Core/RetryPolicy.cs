using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Scenario.Exceptions;

namespace Scenario.Core;

/// <summary>When and how long to wait before retrying, as the official Scenario SDKs do.</summary>
internal static class RetryPolicy
{
    private static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    // A server asking for a longer pause than this is treated as not having asked: backoff is used.
    private static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(60);

    // 409s that name a state the upload never leaves (failed, completed, processing), or an idempotency key already
    // used for another body: the same request gets the same answer, so retrying them would only add
    // backoff. Any other 409 (a lock held a moment, as the Stainless SDKs assume) is retried.
    private static readonly FrozenSet<string> FinalConflicts =
        FrozenSet.ToFrozenSet(["upload_failed", "upload_not_pending", "upload_processing", "idempotency_key_reused"], StringComparer.Ordinal);

    /// <summary>Whether an error response may succeed when sent again: 408, 409 (but a final one), 429 and 5xx.</summary>
    public static bool IsRetryable(ScenarioApiException error) => error.StatusCode switch
    {
        HttpStatusCode.Conflict => error.Code is null || !FinalConflicts.Contains(error.Code),
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        var status => (int)status >= 500,
    };

    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked >= TimeSpan.Zero && asked <= MaxHonouredRetryAfter)
        {
            return asked;
        }
        var seconds = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, attempt), MaxDelay.TotalSeconds);
        // Up to 25% jitter spreads out clients that failed together.
        return TimeSpan.FromSeconds(seconds * (1 - (Random.Shared.NextDouble() * 0.25)));
    }

    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms) &&
            double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        if (headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }
        if (headers.RetryAfter?.Date is { } date)
        {
            return date - DateTimeOffset.UtcNow;
        }
        return null;
    }
}
