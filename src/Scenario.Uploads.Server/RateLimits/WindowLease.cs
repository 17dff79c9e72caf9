using System.Threading.RateLimiting;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>The leases of <see cref="SharedWindowLimiter"/>: a refusal says when the window ends (Retry-After).</summary>
internal sealed class WindowLease : RateLimitLease
{
    public static readonly WindowLease Acquired = new(true, null);

    /// <summary>Not from what this instance holds; the ledger was not asked yet.</summary>
    public static readonly WindowLease NotHeld = new(false, null);

    private readonly TimeSpan? _retryAfter;

    private WindowLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
