using System.Threading.RateLimiting;
using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// One owner's fixed window of one limit, counted across the instances that share the database. Windows are
/// aligned on the Unix epoch, so every instance counts the same one. Permits are leased from the ledger in
/// chunks of the part not yet taken divided by twice the instances alive: requests are admitted from memory
/// while the chunk lasts, so the database sees one write per chunk (a few per window), and an instance that
/// gets all of an owner's traffic can still lease the whole limit. A window whose permits are all taken is
/// refused from memory until it ends (<c>QueueLimit</c> requests wait for the next one instead). While the
/// database does not answer, the limit is this instance's share.
/// </summary>
public sealed class SharedWindowLimiter(SharedRateLimits shared, string policy, string ownerId, RateLimitWindow settings) : RateLimiter
{
    private readonly Lock _lock = new();

    // Never disposed: it has no wait handle to free, and a limiter the partitioned limiter drops as idle may
    // still be finishing a lease.
    private readonly SemaphoreSlim _leasing = new(1, 1);
    private WindowCount _count = new(SharedWindows.At(shared.Time.GetUtcNow(), settings.Window, policy, ownerId));
    private int _queued;
    private long _lastUsed = shared.Time.GetTimestamp();
    private long _successful;
    private long _failed;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _queued > 0 || _leasing.CurrentCount == 0 ? null : shared.Time.GetElapsedTime(_lastUsed);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, Allowance() - _count.Admitted),
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <summary>Admits from what this instance holds; otherwise says no without waiting (the middleware then calls <see cref="AcquireAsyncCore"/>).</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        lock (_lock)
        {
            return TryAdmit(permitCount) ? WindowLease.Acquired : WindowLease.NotHeld;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        while (true)
        {
            SharedWindow window;
            bool spent;
            lock (_lock)
            {
                if (TryAdmit(permitCount))
                {
                    return WindowLease.Acquired;
                }
                window = _count.Window;
                // Nothing more to lease: all permits are taken, or the database is away and the share is used.
                spent = _count.Exhausted || shared.IsFallingBack;
                if (spent && _queued >= settings.QueueLimit)
                {
                    _failed++;
                    return WindowLease.Refused(window.End - shared.Time.GetUtcNow());
                }
                _queued += spent ? 1 : 0;
            }
            if (spent)
            {
                await WaitForNextWindowAsync(window, cancellationToken);
            }
            else
            {
                await LeaseAsync(permitCount, cancellationToken);
            }
        }
    }

    /// <summary>Under the lock: moves to the current window, then admits if the permits held allow it.</summary>
    private bool TryAdmit(int permitCount)
    {
        Roll();
        _lastUsed = shared.Time.GetTimestamp();
        if (_count.Admitted + permitCount > Allowance())
        {
            return false;
        }
        _count.Admitted += permitCount;
        _successful++;
        return true;
    }

    /// <summary>What this instance may admit in this window: what it leased, or its share while the database is away.</summary>
    private int Allowance() => shared.IsFallingBack ? Math.Max(_count.Leased, shared.LocalShare(settings.PermitLimit)) : _count.Leased;

    /// <summary>One lease at a time per owner and limit: requests that wait here find the permits it brought.</summary>
    private async Task LeaseAsync(int permitCount, CancellationToken cancellationToken)
    {
        await _leasing.WaitAsync(cancellationToken);
        try
        {
            WindowCount count;
            int wanted;
            lock (_lock)
            {
                if (TryAdmitLater(permitCount))
                {
                    return;
                }
                count = _count;
                wanted = Chunk(count, permitCount);
            }
            if (await shared.TakeAsync(count.Window, wanted, settings.PermitLimit, cancellationToken) is { } grant)
            {
                lock (_lock)
                {
                    count.Took(grant);
                }
            }
        }
        finally
        {
            _leasing.Release();
        }
    }

    /// <summary>Under the lock: whether a lease that ended meanwhile already settled it (the caller then admits or refuses in its loop).</summary>
    private bool TryAdmitLater(int permitCount)
    {
        Roll();
        return _count.Exhausted || _count.Admitted + permitCount <= Allowance();
    }

    /// <summary>Under the lock: a window that ended is replaced by the current one, with nothing leased yet.</summary>
    private void Roll()
    {
        var now = shared.Time.GetUtcNow();
        if (now >= _count.Window.End)
        {
            _count = new WindowCount(SharedWindows.At(now, settings.Window, policy, ownerId));
        }
    }

    /// <summary>Half of this instance's share of what no instance has taken yet, and at least what the request lacks.</summary>
    private int Chunk(WindowCount count, int permitCount)
    {
        var left = (int)Math.Max(1, settings.PermitLimit - count.UsedByAll);
        var chunk = (int)Math.Ceiling(left / (2.0 * shared.LiveInstances));
        var lacking = count.Admitted + permitCount - count.Leased;
        return Math.Min(settings.PermitLimit, Math.Max(chunk, lacking));
    }

    private async Task WaitForNextWindowAsync(SharedWindow window, CancellationToken cancellationToken)
    {
        try
        {
            var wait = window.End - shared.Time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, shared.Time, cancellationToken);
            }
        }
        finally
        {
            lock (_lock)
            {
                _queued--;
            }
        }
    }

    private void CheckCount(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, settings.PermitLimit, nameof(permitCount));
}
