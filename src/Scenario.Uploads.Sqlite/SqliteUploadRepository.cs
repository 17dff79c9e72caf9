using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Sqlite;

/// <summary>Uploads and their parts in SQLite. State checks and changes share one IMMEDIATE transaction.</summary>
public sealed class SqliteUploadRepository(SqliteDatabase database) : IUploadRepository
{
    private const string SelectUpload = "SELECT " + UploadRow.Columns + " FROM uploads";

    public Task CreateAsync(UploadRecord upload, JobRecord job, bool runnable, CancellationToken cancellationToken) =>
        // Relaxed like the upload's sparse file, which is not fsynced either: a create lost to power loss is
        // one the client has had no part acknowledged for yet: every part's record commits durably (FULL
        // syncs the whole log, this row with it) before the part's 2xx. Batched: creates come in crowds.
        database.WriteBatchedAsync(durable: false, batch =>
        {
            batch.Execute(InsertUpload, UploadRow.ParameterNames, UploadRow.From(upload).ParameterValues());
            batch.Execute(InsertJob, InsertJobParameters,
                [job.Id, job.OwnerId, job.UploadId, job.JobType, job.Status, job.Progress, job.MetadataJson, runnable ? 1 : 0, UnixTime.Ms(job.CreatedAt)]);
            return Task.FromResult(true);
        }, cancellationToken);

    private static readonly string InsertUpload = $"INSERT INTO uploads ({UploadRow.Columns}) VALUES ({UploadRow.Parameters});";

    private const string InsertJob = """
        INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, metadata, attempts, runnable, not_before, created_at, updated_at)
        VALUES (@Id, @OwnerId, @UploadId, @JobType, @Status, @Progress, @Metadata, 0, @Runnable, @Created, @Created, @Created);
        """;

    private static readonly string[] InsertJobParameters = ["@Id", "@OwnerId", "@UploadId", "@JobType", "@Status", "@Progress", "@Metadata", "@Runnable", "@Created"];

    public async Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>($"{SelectUpload} WHERE id = @uploadId;", new { uploadId });
        return row?.ToRecord();
    }

    public async Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{SelectUpload} WHERE id = @uploadId AND owner_id = @ownerId;", new { uploadId, ownerId });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<UploadRecord>> ListAsync(string ownerId, int limit, UploadCursor? after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = after is null
            ? await connection.QueryAsync<UploadRow>(
                $"{SelectUpload} WHERE owner_id = @ownerId ORDER BY created_at DESC, id DESC LIMIT @limit;", new { ownerId, limit })
            : await connection.QueryAsync<UploadRow>(
                $"""
                {SelectUpload} WHERE owner_id = @ownerId AND (created_at < @created OR (created_at = @created AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT @limit;
                """,
                new { ownerId, limit, created = UnixTime.Ms(after.CreatedAt), id = after.Id });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Number, long Size, string Etag, long UploadedAt)>(
            "SELECT number, size, etag, uploaded_at FROM upload_parts WHERE upload_id = @uploadId ORDER BY number;", new { uploadId });
        return rows.Select(r => new PartRecord((int)r.Number, r.Size, r.Etag, UnixTime.At(r.UploadedAt))).ToList();
    }

    public async Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Status, long? PartSize)>(
            "SELECT status, part_size FROM uploads WHERE id = @uploadId;", new { uploadId }, transaction);
        if (row.Status != UploadStatuses.Pending)
        {
            return new PartWriteStart(row.Status, false, row.PartSize);
        }
        if (row.PartSize is { } fixedSize && fixedSize != partSize)
        {
            return new PartWriteStart(row.Status, false, fixedSize);
        }
        if (row.PartSize is null)
        {
            await connection.ExecuteAsync(
                "UPDATE uploads SET part_size = @partSize WHERE id = @uploadId;", new { uploadId, partSize }, transaction);
        }
        await connection.ExecuteAsync(
            "DELETE FROM upload_parts WHERE upload_id = @uploadId AND number = @partNumber;", new { uploadId, partNumber }, transaction);
        transaction.Commit();
        return new PartWriteStart(row.Status, true, partSize);
    }

    public async Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT OR REPLACE INTO upload_parts (upload_id, number, size, etag, uploaded_at)
            SELECT @uploadId, @Number, @Size, @ETag, @UploadedAt
            WHERE EXISTS (SELECT 1 FROM uploads WHERE id = @uploadId AND status = 'pending');
            """,
            new { uploadId, part.Number, part.Size, part.ETag, UploadedAt = UnixTime.Ms(part.UploadedAt) });
        return inserted > 0;
    }

    public async Task<CompleteOutcome> CompleteAsync(string uploadId, long? storeVerifiedPartSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>($"{SelectUpload} WHERE id = @uploadId;", new { uploadId }, transaction);
        if (row is null || row.Status != UploadStatuses.Pending)
        {
            return new CompleteOutcome(row?.ToRecord(), false, []);
        }
        if (storeVerifiedPartSize is null)
        {
            var held = (await connection.QueryAsync<long>(
                "SELECT number FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction)).ToHashSet();
            var missing = Enumerable.Range(1, (int)(row.PartsCount ?? 0)).Where(n => !held.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                return new CompleteOutcome(row.ToRecord(), false, missing);
            }
        }
        var nowMs = UnixTime.Ms(now);
        await connection.ExecuteAsync(
            "UPDATE uploads SET status = 'validating', part_size = coalesce(@storeVerifiedPartSize, part_size), updated_at = @nowMs WHERE id = @uploadId;",
            new { uploadId, storeVerifiedPartSize, nowMs }, transaction);
        await connection.ExecuteAsync(
            "UPDATE jobs SET runnable = 1, not_before = @nowMs, updated_at = @nowMs WHERE id = @jobId;", new { nowMs, jobId = row.JobId }, transaction);
        transaction.Commit();
        row.Status = UploadStatuses.Validating;
        row.PartSize = storeVerifiedPartSize ?? row.PartSize;
        row.UpdatedAt = nowMs;
        return new CompleteOutcome(row.ToRecord(), true, []);
    }

    public async Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        var parameters = new DynamicParameters(UploadRow.From(updated));
        parameters.Add("expected", expectedStatuses);
        var changed = await connection.ExecuteAsync(
            $"UPDATE uploads SET {UploadRow.MutableAssignments} WHERE id = @Id AND status IN @expected;", parameters);
        return changed > 0;
    }

    public async Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var nowMs = UnixTime.Ms(now);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE uploads SET status = 'failed', error_message = @errorMessage, updated_at = @nowMs
            WHERE id = @uploadId AND status IN @expectedStatuses;
            """,
            new { uploadId, errorMessage, nowMs, expectedStatuses }, transaction);
        if (changed == 0)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @jobStatus, runnable = 0, lease_owner = NULL, lease_until = NULL, last_error = @errorMessage,
                updated_at = @nowMs
            WHERE upload_id = @uploadId AND lease_owner IS NULL;
            """,
            new { uploadId, jobStatus, errorMessage, nowMs }, transaction);
        await connection.ExecuteAsync("DELETE FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction);
        transaction.Commit();
        return true;
    }

    public async Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = 'pending' AND expires_at <= @now ORDER BY expires_at LIMIT @limit;",
            new { now = UnixTime.Ms(now), limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = 'failed' AND bytes_deleted = 0 LIMIT @limit;", new { limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE uploads SET bytes_deleted = 1 WHERE id = @uploadId;", new { uploadId });
    }
}
