using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Scenario.Core;

/// <summary>When and how long to wait before retrying, as the official Scenario SDKs do.</summary>
internal static class RetryPolicy
{
    private static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    // A server asking for a longer pause than this is treated as not having asked: backoff is used.
    private static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(60);

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)status >= 500;

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
