using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The job queue, in SQL both databases run. A claim is one UPDATE … RETURNING over the oldest runnable rows,
/// so two workers never hold the same job: on SQLite each claim runs under the write gate, so no two claims
/// interleave; on PostgreSQL, shared by every instance, a claim skips rows another instance is claiming
/// (<see cref="SqlDialect.SkipLocked"/>), so workers never wait on each other. A lease that runs out (the
/// worker died) makes the job claimable again. Statuses are parameters, from <see cref="JobStatuses"/>.
/// </summary>
public sealed class SqlJobQueue(ISqlDatabase database) : IJobQueue
{
    private const string JobColumns = """
        id, owner_id, upload_id, job_type, status, progress, metadata, attempts, lease_owner, lease_until, last_error, created_at, updated_at, target
        """;

    public async Task<IReadOnlyList<JobRecord>> ClaimAsync(string workerId, TimeSpan lease, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var nowMs = UnixTime.Ms(now);
        // Relaxed: a claim lost to power loss leaves the job claimable, and it runs again from its last step.
        var rows = await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.QueryAsync<JobRow>(
            $"""
            UPDATE jobs SET status = @inProgress, lease_owner = @workerId, lease_until = @leaseUntil,
                attempts = attempts + 1, updated_at = @nowMs
            WHERE id IN (
                SELECT id FROM jobs
                WHERE runnable = 1 AND not_before <= @nowMs AND (lease_until IS NULL OR lease_until < @nowMs)
                ORDER BY not_before, created_at LIMIT @max{database.Dialect.SkipLocked})
            RETURNING {JobColumns};
            """,
            new { workerId, leaseUntil = nowMs + (long)lease.TotalMilliseconds, nowMs, max, inProgress = JobStatuses.InProgress }, transaction),
            cancellationToken);
        // RETURNING keeps no order: the oldest first, as they were picked.
        return rows.Select(r => r.ToRecord()).OrderBy(j => j.CreatedAt).ToList();
    }

    public async Task<bool> HeartbeatAsync(string jobId, string workerId, DateTimeOffset leaseUntil, double progress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE jobs SET lease_until = @until, progress = @progress, updated_at = @nowMs
            WHERE id = @jobId AND lease_owner = @workerId AND runnable = 1;
            """,
            new { jobId, workerId, until = UnixTime.Ms(leaseUntil), progress, nowMs = UnixTime.Ms(now) }, transaction),
            cancellationToken);
        return changed > 0;
    }

    public async Task<bool> FinishAsync(string jobId, string workerId, string status, string? metadataJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @status, runnable = 0, lease_owner = NULL, lease_until = NULL,
                progress = CASE WHEN @status = @success THEN 1 ELSE progress END,
                metadata = COALESCE(@metadataJson, metadata), updated_at = @nowMs
            WHERE id = @jobId AND lease_owner = @workerId;
            """,
            new { jobId, workerId, status, metadataJson, nowMs = UnixTime.Ms(now), success = JobStatuses.Success }, transaction),
            cancellationToken);
        return changed > 0;
    }

    public async Task RetryLaterAsync(string jobId, string workerId, DateTimeOffset notBefore, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @queued, lease_owner = NULL, lease_until = NULL, not_before = @notBefore,
                last_error = @error, updated_at = @nowMs
            WHERE id = @jobId AND lease_owner = @workerId;
            """,
            new { jobId, workerId, notBefore = UnixTime.Ms(notBefore), error, nowMs = UnixTime.Ms(now), queued = JobStatuses.Queued }, transaction),
            cancellationToken);
    }

    public async Task ReleaseAsync(string jobId, string workerId, DateTimeOffset notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @queued, lease_owner = NULL, lease_until = NULL, not_before = @notBefore,
                attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = @nowMs
            WHERE id = @jobId AND lease_owner = @workerId;
            """,
            new { jobId, workerId, notBefore = UnixTime.Ms(notBefore), nowMs = UnixTime.Ms(now), queued = JobStatuses.Queued }, transaction),
            cancellationToken);
    }

    public async Task<JobQueueDepth> MeasureAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The claim's own condition, so the gauge counts exactly what a worker could take; ix_jobs_runnable
        // holds only runnable rows, so this reads the queue, never the history.
        var (count, oldest) = await database.ReadAsync(connection => connection.QuerySingleAsync<(long, long?)>(
            """
            SELECT COUNT(*), MIN(not_before) FROM jobs
            WHERE runnable = 1 AND not_before <= @nowMs AND (lease_until IS NULL OR lease_until < @nowMs);
            """,
            new { nowMs = UnixTime.Ms(now) }), cancellationToken);
        return new JobQueueDepth(count, oldest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    public async Task<JobRecord?> FindForOwnerAsync(string ownerId, string jobId, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<JobRow>(
            $"SELECT {JobColumns} FROM jobs WHERE id = @jobId AND owner_id = @ownerId;", new { jobId, ownerId }), cancellationToken);
        return row?.ToRecord();
    }
}
