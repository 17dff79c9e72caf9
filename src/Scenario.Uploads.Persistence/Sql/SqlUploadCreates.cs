using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Creates an upload with its job, once per idempotency key when the client sent one, the quota judged in the
/// same write: on SQLite that write holds the write gate and sees the creates queued before it in the same
/// group commit, on PostgreSQL the owner's lock (<see cref="SqlDialect.OwnerLock"/>) orders them, so creates
/// racing for an owner's last bytes are judged one after the other.
/// </summary>
/// <remarks>
/// Creates are <see cref="Durability.Relaxed"/>, like the upload's sparse file, which is not synced either: a
/// create lost to power failure is one the client has had no part acknowledged for yet, since every part's
/// record is synced before its 2xx and syncs the create with it (on SQLite a synced commit syncs the whole log).
/// </remarks>
internal sealed class SqlUploadCreates(ISqlDatabase database)
{
    private static readonly string InsertUpload = $"INSERT INTO uploads ({UploadRow.Columns}) VALUES ({UploadRow.Parameters});";

    private readonly SqlDialect _dialect = database.Dialect;

    public Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken)
    {
        var rows = Rows(upload, job, runnable);
        return database.WriteAsync(Durability.Relaxed, (connection, transaction) => InsertAsync(connection, transaction, rows, upload, quota), cancellationToken);
    }

    public Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore,
        CancellationToken cancellationToken)
    {
        var rows = Rows(upload, job, runnable);
        var claimValues = IdempotencyRow.ClaimValues(claim, reclaimBefore);
        return database.WriteAsync(Durability.Relaxed, async (connection, transaction) =>
        {
            // On PostgreSQL a concurrent create with the same key waits here for the first one's transaction, then
            // sees its row: exactly one of them writes an upload.
            if (await connection.ExecuteAsync(IdempotencyRow.Claim, claimValues, transaction) == 0)
            {
                return KeyedCreate.Taken;
            }
            if (await InsertAsync(connection, transaction, rows, upload, quota) is { } breach)
            {
                // The write commits what it wrote (it may share SQLite's transaction): the key this create took goes back.
                await connection.ExecuteAsync(IdempotencyRow.Release, new { claim.OwnerId, claim.Key, claim.UploadId }, transaction);
                return new KeyedCreate(KeyTaken: false, breach);
            }
            return KeyedCreate.Created;
        }, cancellationToken);
    }

    public async Task<IdempotencyClaim?> FindIdempotencyClaimAsync(string ownerId, string key, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<IdempotencyRow>(IdempotencyRow.Select, new { ownerId, key }), cancellationToken);
        return row?.ToClaim();
    }

    public Task<int> ForgetIdempotencyClaimsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Synced, (connection, transaction) =>
            connection.ExecuteAsync(IdempotencyRow.DeleteBefore, new { before = UnixTime.Ms(before) }, transaction), cancellationToken);

    /// <summary>
    /// The rows, made before the write is queued: SQLite runs the writes of its group commit one after the other,
    /// so what can be done beforehand (the upload's JSON, say) is not done there.
    /// </summary>
    private (PositionalParameters Upload, PositionalParameters Job) Rows(UploadRecord upload, JobRecord job, bool runnable) =>
        (UploadRow.From(upload, _dialect.StoreText).Positional(), NewJobRow.From(job, runnable).Positional());

    /// <summary>The upload's row and its job's, unless the quota refuses them: then nothing is written.</summary>
    private async Task<QuotaBreach?> InsertAsync(
        DbConnection connection, DbTransaction transaction, (PositionalParameters Upload, PositionalParameters Job) rows, UploadRecord upload, QuotaLimits quota)
    {
        if (await QuotaSql.JudgeCreateAsync(connection, transaction, _dialect, upload, quota) is { } breach)
        {
            return breach;
        }
        await connection.ExecuteAsync(InsertUpload, rows.Upload, transaction);
        await connection.ExecuteAsync(NewJobRow.Insert, rows.Job, transaction);
        return null;
    }
}
