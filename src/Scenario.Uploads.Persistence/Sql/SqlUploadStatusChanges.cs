using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Every write of an upload's status (the complete action, the job's steps, failing it), each through
/// <see cref="ChangeStatus"/>: the lifecycle is asked before anything is written, the change is a
/// compare-and-set on the statuses the caller expects, and an upload that ends queues its webhook deliveries
/// in the same transaction.
/// </summary>
internal sealed class SqlUploadStatusChanges(ISqlDatabase database)
{
    private readonly SqlDialect _dialect = database.Dialect;

    public Task<CompleteOutcome> CompleteAsync(
        string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = UnixTime.Ms(now);
        var validate = ChangeStatus(uploadId, [UploadStatuses.Pending], UploadStatuses.Validating,
            "part_size = coalesce(@storeVerifiedPartSize, part_size), updated_at = @nowMs", new { storeVerifiedPartSize, nowMs }, now);
        return database.WriteAsync(Durability.Synced, async (connection, transaction) =>
        {
            var (row, refused) = await CheckCompleteAsync(connection, transaction, uploadId, storeVerifiedPartSize, quota);
            if (refused is not null)
            {
                return refused;
            }
            await validate(connection, transaction);
            await connection.ExecuteAsync(
                "UPDATE jobs SET runnable = 1, not_before = @nowMs, updated_at = @nowMs WHERE id = @jobId;", new { nowMs, jobId = row!.JobId }, transaction);
            row.Status = UploadStatuses.Validating;
            row.PartSize = storeVerifiedPartSize ?? row.PartSize;
            row.UpdatedAt = nowMs;
            return new CompleteOutcome(row.ToRecord(_dialect.ReadText), true, []);
        }, cancellationToken);
    }

    public Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken)
    {
        var update = ChangeStatus(updated.Id, expectedStatuses, updated.Status,
            UploadRow.MutableAssignments, UploadRow.From(updated, _dialect.StoreText), updated.UpdatedAt);
        // Validated is the job's own step, done again (the file hashed again) if power loss takes it; the job's
        // next synced write, imported or failed, syncs it. Every other status is what the client is told.
        return database.WriteAsync(updated.Status == UploadStatuses.Validated ? Durability.Relaxed : Durability.Synced, update, cancellationToken);
    }

    public Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var nowMs = UnixTime.Ms(now);
        var fail = ChangeStatus(uploadId, expectedStatuses, UploadStatuses.Failed,
            "error_message = @errorMessage, updated_at = @nowMs", new { errorMessage, nowMs }, now, then: async (connection, transaction) =>
        {
            // A leased job is its worker's to end, with its metadata; only a job nobody runs ends here.
            await connection.ExecuteAsync(
                """
                UPDATE jobs SET status = @jobStatus, runnable = 0, lease_owner = NULL, lease_until = NULL, last_error = @errorMessage,
                    updated_at = @nowMs
                WHERE upload_id = @uploadId AND lease_owner IS NULL;
                """,
                new { uploadId, jobStatus, errorMessage, nowMs }, transaction);
            await connection.ExecuteAsync("DELETE FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction);
        });
        return database.WriteAsync(Durability.Synced, fail, cancellationToken);
    }

    /// <summary>
    /// The one statement that sets <c>uploads.status</c>, as a write for the caller's transaction. Asks
    /// <see cref="UploadLifecycle"/> first, here, before any write is queued: a change it forbids from any of
    /// <paramref name="from"/> throws <see cref="ForbiddenStatusChangeException"/> (a bug, so nothing is written).
    /// Keeping the status (from = to) is no change and only writes <paramref name="assignments"/>. The write
    /// sets the status and <paramref name="assignments"/> (bound from <paramref name="values"/>) if the upload
    /// is still in one of <paramref name="from"/>; when that changed the row, runs <paramref name="then"/> and
    /// queues the upload's event last (after <paramref name="then"/>, whose statements on the upload's jobs must
    /// not touch its deliveries), and returns whether it changed.
    /// </summary>
    private Func<DbConnection, DbTransaction, Task<bool>> ChangeStatus(
        string uploadId, IReadOnlyCollection<string> from, string to, string assignments, object values, DateTimeOffset now,
        Func<DbConnection, DbTransaction, Task>? then = null)
    {
        foreach (var status in from.Where(s => s != to))
        {
            UploadLifecycle.Require(status, to);
        }
        var sql = $"UPDATE uploads SET status = @to, {assignments} WHERE id = @uploadId AND {_dialect.IsIn("status", "@expected")};";
        var expected = _dialect.ListValue(from);
        return async (connection, transaction) =>
        {
            // A list is bound through DynamicParameters: Dapper expands it by its runtime type only there.
            var parameters = new DynamicParameters(values);
            parameters.Add("uploadId", uploadId);
            parameters.Add("to", to);
            parameters.Add("expected", expected);
            if (await connection.ExecuteAsync(sql, parameters, transaction) == 0)
            {
                return false;
            }
            if (then is not null)
            {
                await then(connection, transaction);
            }
            await UploadEventSql.QueueDeliveriesAsync(connection, transaction, uploadId, to, now);
            return true;
        };
    }

    /// <summary>The upload locked for the complete action, or the outcome that refuses it.</summary>
    private async Task<(UploadRow? Row, CompleteOutcome? Refused)> CheckCompleteAsync(
        DbConnection connection, DbTransaction transaction, string uploadId, long? storeVerifiedPartSize, QuotaLimits quota)
    {
        // The owner's lock comes before the upload's row lock, in the order every quota-checked write takes them.
        var usage = quota.LimitsStoredBytes
            ? await QuotaSql.ReadAsync(connection, transaction, _dialect, await OwnerOfAsync(connection, transaction, uploadId))
            : null;
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{UploadRow.Select} WHERE id = @uploadId{_dialect.ForUpdate};", new { uploadId }, transaction);
        if (row is null || row.Status != UploadStatuses.Pending)
        {
            return (row, new CompleteOutcome(row?.ToRecord(_dialect.ReadText), false, []));
        }
        if (storeVerifiedPartSize is null)
        {
            var held = (await connection.QueryAsync<long>(
                "SELECT number FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction)).ToHashSet();
            var missing = Enumerable.Range(1, (int)(row.PartsCount ?? 0)).Where(n => !held.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                return (row, new CompleteOutcome(row.ToRecord(_dialect.ReadText), false, missing));
            }
        }
        if (usage is not null && QuotaRules.AtComplete(quota, usage, row.FileSize ?? 0) is { } breach)
        {
            return (row, new CompleteOutcome(row.ToRecord(_dialect.ReadText), false, [], breach));
        }
        return (row, null);
    }

    private static async Task<string> OwnerOfAsync(DbConnection connection, DbTransaction transaction, string uploadId) =>
        await connection.QuerySingleOrDefaultAsync<string>("SELECT owner_id FROM uploads WHERE id = @uploadId;", new { uploadId }, transaction) ?? "";
}
