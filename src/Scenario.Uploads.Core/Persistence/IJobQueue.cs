using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence;

/// <summary>
/// The durable job queue. A worker claims a runnable job with a lease; a worker that dies simply stops
/// renewing it, and the job is claimed again once the lease has run out.
/// </summary>
public interface IJobQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> of the oldest runnable jobs whose lease is free, in one write: a worker
    /// with several free slots fills them with one round trip instead of one claim (and one commit) each.
    /// </summary>
    Task<IReadOnlyList<JobRecord>> ClaimAsync(string workerId, TimeSpan lease, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Extends the lease and records progress; false when the worker no longer holds the job.</summary>
    Task<bool> HeartbeatAsync(string jobId, string workerId, DateTimeOffset leaseUntil, double progress, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends the job (success, failure or canceled) if the worker still holds it.</summary>
    Task<bool> FinishAsync(string jobId, string workerId, string status, string? metadataJson, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases the job to be tried again after <paramref name="notBefore"/>.</summary>
    Task RetryLaterAsync(string jobId, string workerId, DateTimeOffset notBefore, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the job back, claimable from <paramref name="notBefore"/>, as if never claimed (the attempt is not
    /// counted): this worker is shutting down (so another instance, or this one restarted, takes it without
    /// waiting for the lease to run out), or a backend the job needs is down, which is no fault of the upload.
    /// </summary>
    Task ReleaseAsync(string jobId, string workerId, DateTimeOffset notBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// How many jobs wait to be claimed now and since when the oldest of them could have been: one cheap
    /// query for the queue-depth gauges an operator scrapes.
    /// </summary>
    Task<JobQueueDepth> MeasureAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<JobRecord?> FindForOwnerAsync(string ownerId, string jobId, CancellationToken cancellationToken);
}

/// <summary>The runnable jobs nobody holds, and when the oldest of them became claimable (null when none).</summary>
public sealed record JobQueueDepth(long Runnable, DateTimeOffset? OldestRunnableSince);
