using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// Uploads and their parts in PostgreSQL. Where SQLite's IMMEDIATE transaction serialises writers, here
/// the upload's row is locked (FOR UPDATE, or FOR SHARE for a part record) by the transaction that checks
/// its status, so a part write and the complete action on another instance cannot interleave. Dapper sends
/// lists to PostgreSQL as arrays, hence <c>= ANY(@list)</c> where SQLite has <c>IN @list</c>.
/// </summary>
public sealed class PostgresUploadRepository(PostgresDatabase database) : IUploadRepository
{
    private const string SelectUpload = "SELECT " + UploadRow.Columns + " FROM uploads";

    public async Task CreateAsync(UploadRecord upload, JobRecord job, bool runnable, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"INSERT INTO uploads ({UploadRow.Columns}) VALUES ({UploadRow.Parameters});", UploadRow.From(upload, NulText.Escape), transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, metadata, attempts, runnable, not_before, created_at, updated_at)
            VALUES (@Id, @OwnerId, @UploadId, @JobType, @Status, @Progress, @MetadataJson, 0, @Runnable, @Created, @Created, @Created);
            """,
            new { job.Id, job.OwnerId, job.UploadId, job.JobType, job.Status, job.Progress, job.MetadataJson, Runnable = runnable ? 1 : 0, Created = UnixTime.Ms(job.CreatedAt) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>($"{SelectUpload} WHERE id = @uploadId;", new { uploadId });
        return row?.ToRecord(NulText.Unescape);
    }

    public async Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{SelectUpload} WHERE id = @uploadId AND owner_id = @ownerId;", new { uploadId, ownerId });
        return row?.ToRecord(NulText.Unescape);
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
        return rows.Select(r => r.ToRecord(NulText.Unescape)).ToList();
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR UPDATE: of two first parts racing with different sizes, the second reads the size the first set.
        var row = await connection.QuerySingleOrDefaultAsync<(string? Status, long? PartSize)>(
            "SELECT status, part_size FROM uploads WHERE id = @uploadId FOR UPDATE;", new { uploadId }, transaction);
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
        await transaction.CommitAsync(cancellationToken);
        return new PartWriteStart(row.Status, true, partSize);
    }

    public async Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR SHARE: parts of one upload record side by side, but never while complete holds the row.
        var status = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT status FROM uploads WHERE id = @uploadId FOR SHARE;", new { uploadId }, transaction);
        if (status != UploadStatuses.Pending)
        {
            return false;
        }
        await connection.ExecuteAsync(
            """
            INSERT INTO upload_parts (upload_id, number, size, etag, uploaded_at)
            VALUES (@uploadId, @Number, @Size, @ETag, @UploadedAt)
            ON CONFLICT (upload_id, number) DO UPDATE SET size = excluded.size, etag = excluded.etag, uploaded_at = excluded.uploaded_at;
            """,
            new { uploadId, part.Number, part.Size, part.ETag, UploadedAt = UnixTime.Ms(part.UploadedAt) }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<CompleteOutcome> CompleteAsync(string uploadId, long? storeVerifiedPartSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>($"{SelectUpload} WHERE id = @uploadId FOR UPDATE;", new { uploadId }, transaction);
        if (row is null || row.Status != UploadStatuses.Pending)
        {
            return new CompleteOutcome(row?.ToRecord(NulText.Unescape), false, []);
        }
        if (storeVerifiedPartSize is null)
        {
            var held = (await connection.QueryAsync<long>(
                "SELECT number FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction)).ToHashSet();
            var missing = Enumerable.Range(1, (int)(row.PartsCount ?? 0)).Where(n => !held.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                return new CompleteOutcome(row.ToRecord(NulText.Unescape), false, missing);
            }
        }
        var nowMs = UnixTime.Ms(now);
        await connection.ExecuteAsync(
            "UPDATE uploads SET status = 'validating', part_size = coalesce(@storeVerifiedPartSize, part_size), updated_at = @nowMs WHERE id = @uploadId;",
            new { uploadId, storeVerifiedPartSize, nowMs }, transaction);
        await connection.ExecuteAsync(
            "UPDATE jobs SET runnable = 1, not_before = @nowMs, updated_at = @nowMs WHERE id = @jobId;", new { nowMs, jobId = row.JobId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        row.Status = UploadStatuses.Validating;
        row.PartSize = storeVerifiedPartSize ?? row.PartSize;
        row.UpdatedAt = nowMs;
        return new CompleteOutcome(row.ToRecord(NulText.Unescape), true, []);
    }

    public async Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters(UploadRow.From(updated, NulText.Escape));
        parameters.Add("expected", expectedStatuses.ToArray());
        var changed = await connection.ExecuteAsync(
            $"UPDATE uploads SET {UploadRow.MutableAssignments} WHERE id = @Id AND status = ANY(@expected);", parameters);
        return changed > 0;
    }

    public async Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var nowMs = UnixTime.Ms(now);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE uploads SET status = 'failed', error_message = @errorMessage, updated_at = @nowMs
            WHERE id = @uploadId AND status = ANY(@expectedStatuses);
            """,
            new { uploadId, errorMessage, nowMs, expectedStatuses = expectedStatuses.ToArray() }, transaction);
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
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = 'pending' AND expires_at <= @now ORDER BY expires_at LIMIT @limit;",
            new { now = UnixTime.Ms(now), limit });
        return rows.Select(r => r.ToRecord(NulText.Unescape)).ToList();
    }

    public async Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = 'failed' AND bytes_deleted = 0 LIMIT @limit;", new { limit });
        return rows.Select(r => r.ToRecord(NulText.Unescape)).ToList();
    }

    public async Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE uploads SET bytes_deleted = 1 WHERE id = @uploadId;", new { uploadId });
    }
}
