using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Uploads and their parts, in SQL both databases run, every write through <see cref="ISqlDatabase.WriteAsync{T}"/>:
/// each state check and the change it allows share that one write transaction (SQLite's IMMEDIATE transaction
/// serialises writers, PostgreSQL's locks the upload's row). Creates are <see cref="SqlUploadCreates"/>'s,
/// parts <see cref="SqlUploadParts"/>'s and every change of status <see cref="SqlUploadStatusChanges"/>'s.
/// Statuses are parameters, from <see cref="UploadStatuses"/>.
/// </summary>
public sealed class SqlUploadRepository : IUploadRepository
{
    private readonly ISqlDatabase _database;
    private readonly Func<string?, string?> _readText;
    private readonly SqlUploadCreates _creates;
    private readonly SqlUploadParts _parts;
    private readonly SqlUploadStatusChanges _statuses;

    public SqlUploadRepository(ISqlDatabase database)
    {
        _database = database;
        _readText = database.Dialect.ReadText;
        _creates = new SqlUploadCreates(database);
        _parts = new SqlUploadParts(database);
        _statuses = new SqlUploadStatusChanges(database);
    }

    public Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken) =>
        _creates.CreateAsync(upload, job, runnable, quota, cancellationToken);

    public Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken) =>
        _creates.CreateOnceAsync(upload, job, runnable, quota, claim, reclaimBefore, cancellationToken);

    public Task<IdempotencyClaim?> FindIdempotencyClaimAsync(string ownerId, string key, CancellationToken cancellationToken) =>
        _creates.FindIdempotencyClaimAsync(ownerId, key, cancellationToken);

    public Task<int> ForgetIdempotencyClaimsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        _creates.ForgetIdempotencyClaimsAsync(before, cancellationToken);

    public async Task<UploadRecord?> FindAsync(string uploadId, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<UploadRow>($"{UploadRow.Select} WHERE id = @uploadId;", new { uploadId }), cancellationToken);
        return row?.ToRecord(_readText);
    }

    public async Task<UploadRecord?> FindForOwnerAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<UploadRow>(
            $"{UploadRow.Select} WHERE id = @uploadId AND owner_id = @ownerId;", new { uploadId, ownerId }), cancellationToken);
        return row?.ToRecord(_readText);
    }

    public async Task<IReadOnlyList<UploadRecord>> ListAsync(string ownerId, int limit, UploadCursor? after, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => after is null
            ? connection.QueryAsync<UploadRow>(
                $"{UploadRow.Select} WHERE owner_id = @ownerId ORDER BY created_at DESC, id DESC LIMIT @limit;", new { ownerId, limit })
            : connection.QueryAsync<UploadRow>(
                $"""
                {UploadRow.Select} WHERE owner_id = @ownerId AND (created_at < @created OR (created_at = @created AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT @limit;
                """,
                new { ownerId, limit, created = UnixTime.Ms(after.CreatedAt), id = after.Id }), cancellationToken);
        return ToRecords(rows);
    }

    public Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken) =>
        _parts.GetPartsAsync(uploadId, cancellationToken);

    public Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, DateTimeOffset now, CancellationToken cancellationToken) =>
        _parts.BeginPartWriteAsync(uploadId, partNumber, partSize, cancellationToken);

    public Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken) =>
        _parts.RecordPartAsync(uploadId, part, cancellationToken);

    public Task<CompleteOutcome> CompleteAsync(
        string uploadId, long? storeVerifiedPartSize, QuotaLimits quota, DateTimeOffset now, CancellationToken cancellationToken) =>
        _statuses.CompleteAsync(uploadId, storeVerifiedPartSize, quota, now, cancellationToken);

    public Task<QuotaBreach?> DeclareLengthAsync(string uploadId, PartPlan plan, QuotaLimits quota, CancellationToken cancellationToken) =>
        _database.WriteAsync(Durability.Synced, async (connection, transaction) =>
        {
            var ownerId = await connection.QuerySingleOrDefaultAsync<string?>(
                $"SELECT owner_id FROM uploads WHERE id = @uploadId AND status = @pending AND file_size IS NULL{_database.Dialect.ForUpdate};",
                new { uploadId, pending = UploadStatuses.Pending }, transaction);
            if (ownerId is null)
            {
                return null;
            }
            if (!quota.IsUnlimited && QuotaRules.AtLength(quota, await QuotaSql.ReadAsync(connection, transaction, _database.Dialect, ownerId), plan.FileSize) is { } breach)
            {
                return breach;
            }
            await connection.ExecuteAsync(
                "UPDATE uploads SET file_size = @FileSize, parts_count = @PartsCount, part_size = @PartSize WHERE id = @uploadId;",
                new { uploadId, plan.FileSize, plan.PartsCount, plan.PartSize }, transaction);
            return (QuotaBreach?)null;
        }, cancellationToken);

    public Task<bool> TryUpdateAsync(UploadRecord updated, IReadOnlyCollection<string> expectedStatuses, CancellationToken cancellationToken) =>
        _statuses.TryUpdateAsync(updated, expectedStatuses, cancellationToken);

    public Task<bool> FailAsync(
        string uploadId, IReadOnlyCollection<string> expectedStatuses, string errorMessage, string jobStatus, DateTimeOffset now, CancellationToken cancellationToken) =>
        _statuses.FailAsync(uploadId, expectedStatuses, errorMessage, jobStatus, now, cancellationToken);

    public async Task<IReadOnlyList<UploadRecord>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => connection.QueryAsync<UploadRow>(
            $"{UploadRow.Select} WHERE status = @pending AND expires_at <= @now ORDER BY expires_at LIMIT @limit;",
            new { now = UnixTime.Ms(now), limit, pending = UploadStatuses.Pending }), cancellationToken);
        return ToRecords(rows);
    }

    public async Task<IReadOnlyList<UploadRecord>> FindFailedWithBytesAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(connection => connection.QueryAsync<UploadRow>(
            $"{UploadRow.Select} WHERE status = @failed AND bytes_deleted = 0 LIMIT @limit;", new { limit, failed = UploadStatuses.Failed }), cancellationToken);
        return ToRecords(rows);
    }

    public Task MarkBytesDeletedAsync(string uploadId, CancellationToken cancellationToken) =>
        _database.WriteStatementAsync(Durability.Synced, (connection, transaction) =>
            connection.ExecuteAsync("UPDATE uploads SET bytes_deleted = 1 WHERE id = @uploadId;", new { uploadId }, transaction), cancellationToken);

    private List<UploadRecord> ToRecords(IEnumerable<UploadRow> rows) => rows.Select(r => r.ToRecord(_readText)).ToList();
}
