using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The webhook deliveries of an upload's event, queued by the transaction that changes its status: one per key
/// of its owner that has a webhook, as a runnable job. Written there, so a crash right after the change cannot
/// lose them.
/// </summary>
internal static class UploadEventSql
{
    // One event for every receiver of the owner; each delivery's job id adds the key, so they retry apart.
    private const string QueueDeliveries = """
        INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, metadata, attempts, runnable, not_before,
            created_at, updated_at, target)
        SELECT @eventId || ':' || k.api_key, k.owner_id, @uploadId, @jobType, @queued, 0, @metadata, 0, 1, @nowMs, @nowMs, @nowMs, k.api_key
        FROM api_keys k JOIN webhook_keys w ON w.api_key = k.api_key
        WHERE k.owner_id = (SELECT owner_id FROM uploads WHERE id = @uploadId);
        """;

    /// <summary>Queues the deliveries of an upload that has just entered <paramref name="status"/>, if that is an event (it ended).</summary>
    public static async Task QueueDeliveriesAsync(DbConnection connection, DbTransaction transaction, string uploadId, string status, DateTimeOffset now)
    {
        if (UploadEvent.For(status, now) is not { } uploadEvent)
        {
            return;
        }
        await connection.ExecuteAsync(QueueDeliveries,
            new
            {
                eventId = uploadEvent.Id, uploadId, jobType = UploadEvent.JobType, queued = JobStatuses.Queued,
                metadata = uploadEvent.ToJson(), nowMs = UnixTime.Ms(now),
            },
            transaction);
    }
}
