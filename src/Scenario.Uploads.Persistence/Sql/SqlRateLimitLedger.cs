using Dapper;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The <c>rate_limit_windows</c> and <c>service_instances</c> tables, in SQL both databases run. A lease is one
/// upsert: the row's <c>used</c> grows by what is granted, capped at the limit, so concurrent leases of several
/// instances never sum past it. Counts lost to a crash only ever cost permits, never add them: Relaxed.
/// </summary>
public sealed class SqlRateLimitLedger(ISqlDatabase database) : IRateLimitLedger
{
    // RETURNING shows the row after the update only, so the grant is written beside the count to be read back;
    // every right-hand side of SET reads the row as it was before this statement.
    private const string Take = """
        INSERT INTO rate_limit_windows AS w (policy, owner_id, window_start, window_end, used, last_grant)
        VALUES (@Policy, @OwnerId, @start, @end, @wanted, @wanted)
        ON CONFLICT (policy, owner_id, window_start) DO UPDATE
        SET last_grant = CASE WHEN w.used + @wanted > @limit THEN @limit - w.used ELSE @wanted END,
            used = CASE WHEN w.used + @wanted > @limit THEN @limit ELSE w.used + @wanted END
        WHERE w.used < @limit
        RETURNING last_grant, used;
        """;

    public async Task<RateLimitGrant> TakeAsync(SharedWindow window, int wanted, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wanted, limit);
        var rows = await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) =>
            connection.QueryAsync<(long Granted, long Used)>(Take,
                new { window.Policy, window.OwnerId, start = UnixTime.Ms(window.Start), end = UnixTime.Ms(window.End), wanted, limit },
                transaction),
            cancellationToken);
        // No row: the update's condition failed, every permit of the window is taken already.
        return rows.Select(r => new RateLimitGrant((int)r.Granted, r.Used)).DefaultIfEmpty(new RateLimitGrant(0, limit)).Single();
    }

    public async Task<int> BeatAsync(string instanceId, DateTimeOffset now, DateTimeOffset liveSince, CancellationToken cancellationToken)
    {
        await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO service_instances (instance_id, seen_at) VALUES (@instanceId, @seenAt)
            ON CONFLICT (instance_id) DO UPDATE SET seen_at = @seenAt;
            """,
            new { instanceId, seenAt = UnixTime.Ms(now) }, transaction), cancellationToken);
        await using var reader = await database.OpenReaderAsync(cancellationToken);
        return (int)await reader.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM service_instances WHERE seen_at >= @since;", new { since = UnixTime.Ms(liveSince) });
    }

    public Task LeaveAsync(string instanceId, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            "DELETE FROM service_instances WHERE instance_id = @instanceId;", new { instanceId }, transaction), cancellationToken);

    public Task SweepAsync(DateTimeOffset endedBefore, DateTimeOffset forgetBefore, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            """
            DELETE FROM rate_limit_windows WHERE window_end < @ended;
            DELETE FROM service_instances WHERE seen_at < @forget;
            """,
            new { ended = UnixTime.Ms(endedBefore), forget = UnixTime.Ms(forgetBefore) }, transaction), cancellationToken);
}
