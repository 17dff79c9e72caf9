namespace Scenario.Exceptions;

/// <summary>HTTP 429: too many requests; retry after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    /// <param name="retryAfter">How long the service asked to wait, if it said.</param>
    public RateLimitException(ApiError error, TimeSpan? retryAfter)
        : base(error)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the service asked to wait before retrying (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}
