using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Uploads and their parts, in SQL both databases run. Every state check and the change it allows share one
/// write transaction (<see cref="ISqlDatabase.BeginWriteAsync"/>): SQLite's IMMEDIATE transaction serialises
/// writers, PostgreSQL's locks the upload's row (<see cref="SqlDialect.ForUpdate"/>, or
/// <see cref="SqlDialect.ForShare"/> for a part record), so a part write and the complete action on another
/// instance cannot interleave. Statuses are parameters, from <see cref="UploadStatuses"/>.
/// </summary>
public abstract class SqlUploadRepository : IUploadRepository
{
    private const string SelectUpload = "SELECT " + UploadRow.Columns + " FROM uploads";

    private static readonly string InsertUpload = $"INSERT INTO uploads ({UploadRow.Columns}) VALUES ({UploadRow.Parameters});";

    private readonly ISqlDatabase _database;
    private readonly SqlDialect _dialect;
    private readonly Func<string?, string?> _storeText;
    private readonly Func<string?, string?> _readText;

    protected SqlUploadRepository(ISqlDatabase database)
    {
        _database = database;
        _dialect = database.Dialect;
        _storeText = _dialect.StoreText;
        _readText = _dialect.ReadText;
    }

    /// <summary>The upload's row and its job's, in one write transaction that first judges the quota.</summary>
    public virtual async Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenWriterAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        if (await QuotaSql.JudgeCreateAsync(connection, transaction, _dialect, upload, quota) is { } breach)
        {
            return breach;
        }
        await connection.ExecuteAsync(InsertUpload, UploadRow.From(upload, _storeText), transaction);
        await connection.ExecuteAsync(NewJobRow.Insert, NewJobRow.From(job, runnable), transaction);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <inheritdoc cref="CreateAsync"/>
    private protected Task<QuotaBreach?> JudgeCreateAsync(DbConnection connection, DbTransaction transaction, UploadRecord upload, QuotaLimits quota) =>
        QuotaSql.JudgeCreateAsync(connection, transaction, _dialect, upload, quota);

    public virtual async Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenWriterAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        var (claimSql, names, values) = ClaimInsert(claim, reclaimBefore);
        var parameters = new DynamicParameters();
        for (var i = 0; i < names.Length; i++)
        {
            parameters.Add(names[i], values[i]);
        }
        // On PostgreSQL a concurrent create with the same key waits here for the first one's transaction, then
        // sees its row: exactly one of them writes an upload.
        if (await connection.ExecuteAsync(claimSql, parameters, transaction) == 0)
        {
            return KeyedCreate.Taken;
        }
        // Past the quota the transaction ends without a commit: the key is not taken either.
        if (await QuotaSql.JudgeCreateAsync(connection, transaction, _dialect, upload, quota) is { } breach)
        {
            return new KeyedCreate(KeyTaken: false, breach);
        }
        await connection.ExecuteAsync(InsertUpload, UploadRow.From(upload, _storeText), transaction);
        await connection.ExecuteAsync(NewJobRow.Insert, NewJobRow.From(job, runnable), transaction);
        await transaction.CommitAsync(cancellationToken);
        return KeyedCreate.Created;
    }

    public async Task<IdempotencyClaim?> FindIdempotencyClaimAsync(string ownerId, string key, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<IdempotencyRow>(IdempotencyRow.Select, new { ownerId, key }), cancellationToken);
        return row?.ToClaim();
    }

    public async Task<int> ForgetIdempotencyClaimsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenWriterAsync(cancellationToken);
        return await connection.ExecuteAsync(IdempotencyRow.DeleteBefore, new { before = UnixTime.Ms(before) });
    }

    /// <summary>The SQL and values that take an idempotency key (<see cref="CreateOnceAsync"/>): one row changed when taken.</summary>
    private protected static (string Sql, string[] Names, object?[] Values) ClaimInsert(IdempotencyClaim claim, DateTimeOffset reclaimBefore) =>
        (IdempotencyRow.Claim, IdempotencyRow.ClaimNames, IdempotencyRow.ClaimValues(claim, reclaimBefore));

    /// <summary>The SQL and values that give back a key taken in the same transaction, for a create that then stopped.</summary>
    private protected static (string Sql, string[] Names, object?[] Values) ClaimRelease(IdempotencyClaim claim) =>
        (IdempotencyRow.Release, IdempotencyRow.ReleaseNames, [claim.OwnerId, claim.Key, claim.UploadId]);

    /// <summary>The SQL and values of <see cref="CreateAsync"/>, for a database that writes them its own way.</summary>
    private protected (string Sql, string[] Names, object?[] Values) UploadInsert(UploadRecord upload) =>
        (InsertUpload, UploadRow.ParameterNames, UploadRow.From(upload, _storeText).ParameterValues());

    /// <inheritdoc cref="UploadInsert"/>
    private protected static (string Sql, string[] Names, object?[] Values) JobInsert(JobRecord job, bool runnable) =>
        (NewJobRow.Insert, NewJobRow.ParameterNames, NewJobRow.From(job, runnable).ParameterValues());

    public async Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<UploadRow>($"{SelectUpload} WHERE id = @uploadId;", new { uploadId }), cancellationToken);
        return row?.ToRecord(_readText);
    }

    public async Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{SelectUpload} WHERE id = @uploadId AND owner_id = @ownerId;", new { uploadId, ownerId }), cancellationToken);
        return row?.ToRecord(_readText);
    }

    public async Task<IReadOnlyList<UploadRecord>> ListAsync(string ownerId, int limit, UploadCursor? after, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => after is null
            ? connection.QueryAsync<UploadRow>(
                $"{SelectUpload} WHERE owner_id = @ownerId ORDER BY created_at DESC, id DESC LIMIT @limit;", new { ownerId, limit })
            : connection.QueryAsync<UploadRow>(
                $"""
                {SelectUpload} WHERE owner_id = @ownerId AND (created_at < @created OR (created_at = @created AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT @limit;
                """,
                new { ownerId, limit, created = UnixTime.Ms(after.CreatedAt), id = after.Id }), cancellationToken);
        return ToRecords(rows);
    }

    public async Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => connection.QueryAsync<(long Number, long Size, string Etag, long UploadedAt)>(
            "SELECT number, size, etag, uploaded_at FROM upload_parts WHERE upload_id = @uploadId ORDER BY number;", new { uploadId }), cancellationToken);
        return rows.Select(r => new PartRecord((int)r.Number, r.Size, r.Etag, UnixTime.At(r.UploadedAt))).ToList();
    }

    public Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(Durability.Synced, (connection, transaction) => BeginPartWriteAsync(connection, transaction, uploadId, partNumber, partSize), cancellationToken);

    private async Task<PartWriteStart> BeginPartWriteAsync(DbConnection connection, DbTransaction transaction, string uploadId, int partNumber, long partSize)
    {
        // Held until the end: of two first parts racing with different sizes, the second reads the size the first set.
        var row = await connection.QuerySingleOrDefaultAsync<(string? Status, long? PartSize)>(
            $"SELECT status, part_size FROM uploads WHERE id = @uploadId{_dialect.ForUpdate};", new { uploadId }, transaction);
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
        return new PartWriteStart(row.Status, true, partSize);
    }

    public Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken) =>
        _database.WriteStatementAsync(Durability.Synced, async (connection, transaction) =>
    {
        // One statement, so the status it checks holds until the part is in: parts of one upload record side
        // by side (a shared lock), but never while complete holds the row. SQLite's parser needs the WHERE
        // of an INSERT … SELECT to tell ON CONFLICT from a join; it has one.
        var inserted = await connection.ExecuteAsync(
            $"""
            INSERT INTO upload_parts (upload_id, number, size, etag, uploaded_at)
            SELECT @uploadId, @Number, @Size, @ETag, @UploadedAt
            WHERE EXISTS (SELECT 1 FROM uploads WHERE id = @uploadId AND status = @pending{_dialect.ForShare})
            ON CONFLICT (upload_id, number) DO UPDATE SET size = excluded.size, etag = excluded.etag, uploaded_at = excluded.uploaded_at;
            """,
            new { uploadId, part.Number, part.Size, part.ETag, UploadedAt = UnixTime.Ms(part.UploadedAt), pending = UploadStatuses.Pending },
            transaction);
        return inserted > 0;
    }, cancellationToken);

    public Task<CompleteOutcome> CompleteAsync(
        string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(Durability.Synced, (connection, transaction) => CompleteAsync(connection, transaction, uploadId, storeVerifiedPartSize, quota, now), cancellationToken);

    private async Task<CompleteOutcome> CompleteAsync(
        DbConnection connection, DbTransaction transaction, string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now)
    {
        // The owner's lock comes before the upload's row lock, in the order every quota-checked write takes them.
        var usage = quota.LimitsStoredBytes
            ? await QuotaSql.ReadAsync(connection, transaction, _dialect, await OwnerOfAsync(connection, transaction, uploadId))
            : null;
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{SelectUpload} WHERE id = @uploadId{_dialect.ForUpdate};", new { uploadId }, transaction);
        if (row is null || row.Status != UploadStatuses.Pending)
        {
            return new CompleteOutcome(row?.ToRecord(_readText), false, []);
        }
        if (storeVerifiedPartSize is null)
        {
            var held = (await connection.QueryAsync<long>(
                "SELECT number FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction)).ToHashSet();
            var missing = Enumerable.Range(1, (int)(row.PartsCount ?? 0)).Where(n => !held.Contains(n)).ToList();
            if (missing.Count > 0)
            {
                return new CompleteOutcome(row.ToRecord(_readText), false, missing);
            }
        }
        if (usage is not null && QuotaRules.AtComplete(quota, usage, row.FileSize ?? 0) is { } breach)
        {
            return new CompleteOutcome(row.ToRecord(_readText), false, [], breach);
        }
        var nowMs = UnixTime.Ms(now);
        await connection.ExecuteAsync(
            """
            UPDATE uploads SET status = @validating, part_size = coalesce(@storeVerifiedPartSize, part_size), updated_at = @nowMs
            WHERE id = @uploadId;
            """,
            new { uploadId, storeVerifiedPartSize, nowMs, validating = UploadStatuses.Validating }, transaction);
        await connection.ExecuteAsync(
            "UPDATE jobs SET runnable = 1, not_before = @nowMs, updated_at = @nowMs WHERE id = @jobId;", new { nowMs, jobId = row.JobId }, transaction);
        row.Status = UploadStatuses.Validating;
        row.PartSize = storeVerifiedPartSize ?? row.PartSize;
        row.UpdatedAt = nowMs;
        return new CompleteOutcome(row.ToRecord(_readText), true, []);
    }

    public Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken) =>
        // Validated is the job's own step, done again (the file hashed again) if power loss takes it; the job's
        // next synced write, imported or failed, syncs it. Every other status is what the client is told.
        _database.WriteAsync(updated.Status == UploadStatuses.Validated ? Durability.Redoable : Durability.Synced, async (connection, transaction) =>
    {
        var parameters = new DynamicParameters(UploadRow.From(updated, _storeText));
        parameters.Add("expected", _dialect.ListValue(expectedStatuses));
        var changed = await connection.ExecuteAsync(
            $"UPDATE uploads SET {UploadRow.MutableAssignments} WHERE id = @Id AND {_dialect.IsIn("status", "@expected")};", parameters, transaction);
        if (changed > 0)
        {
            await UploadEndSql.QueueAsync(connection, transaction, updated.Id, updated.Status, updated.UpdatedAt);
        }
        return changed > 0;
    }, cancellationToken);

    public Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(Durability.Synced, async (connection, transaction) =>
    {
        var nowMs = UnixTime.Ms(now);
        // A list is bound through DynamicParameters: Dapper expands it by its runtime type only there.
        var parameters = new DynamicParameters(new { uploadId, errorMessage, nowMs, failed = UploadStatuses.Failed });
        parameters.Add("expected", _dialect.ListValue(expectedStatuses));
        var changed = await connection.ExecuteAsync(
            $"""
            UPDATE uploads SET status = @failed, error_message = @errorMessage, updated_at = @nowMs
            WHERE id = @uploadId AND {_dialect.IsIn("status", "@expected")};
            """,
            parameters, transaction);
        if (changed == 0)
        {
            return false;
        }
        // A leased job is its worker's to end, with its metadata; only a job nobody runs ends here.
        await connection.ExecuteAsync(
            """
            UPDATE jobs SET status = @jobStatus, runnable = 0, lease_owner = NULL, lease_until = NULL, last_error = @errorMessage,
                updated_at = @nowMs
            WHERE upload_id = @uploadId AND lease_owner IS NULL;
            """,
            new { uploadId, jobStatus, errorMessage, nowMs }, transaction);
        await connection.ExecuteAsync("DELETE FROM upload_parts WHERE upload_id = @uploadId;", new { uploadId }, transaction);
        await UploadEndSql.QueueAsync(connection, transaction, uploadId, UploadStatuses.Failed, now);
        return true;
    }, cancellationToken);

    public async Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = @pending AND expires_at <= @now ORDER BY expires_at LIMIT @limit;",
            new { now = UnixTime.Ms(now), limit, pending = UploadStatuses.Pending }), cancellationToken);
        return ToRecords(rows);
    }

    public async Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => connection.QueryAsync<UploadRow>(
            $"{SelectUpload} WHERE status = @failed AND bytes_deleted = 0 LIMIT @limit;", new { limit, failed = UploadStatuses.Failed }), cancellationToken);
        return ToRecords(rows);
    }

    public Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken) =>
        _database.WriteStatementAsync(Durability.Synced, (connection, transaction) =>
            connection.ExecuteAsync("UPDATE uploads SET bytes_deleted = 1 WHERE id = @uploadId;", new { uploadId }, transaction), cancellationToken);

    private static async Task<string> OwnerOfAsync(DbConnection connection, DbTransaction transaction, string uploadId) =>
        await connection.QuerySingleOrDefaultAsync<string>("SELECT owner_id FROM uploads WHERE id = @uploadId;", new { uploadId }, transaction) ?? "";

    private List<UploadRecord> ToRecords(IEnumerable<UploadRow> rows) => rows.Select(r => r.ToRecord(_readText)).ToList();
}
