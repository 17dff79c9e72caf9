using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Sqlite;

/// <summary>Uploads and their parts in SQLite; creates go through the batch writer (group commit).</summary>
public sealed class SqliteUploadRepository(SqliteDatabase database) : SqlUploadRepository(database)
{
    public override Task<QuotaBreach?> CreateAsync(UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, CancellationToken cancellationToken)
    {
        var (uploadSql, uploadNames, uploadValues) = UploadInsert(upload);
        var (jobSql, jobNames, jobValues) = JobInsert(job, runnable);
        // Relaxed like the upload's sparse file, which is not fsynced either: a create lost to power loss is
        // one the client has had no part acknowledged for yet: every part's record commits durably (FULL
        // syncs the whole log, this row with it) before the part's 2xx. Batched: creates come in crowds.
        // The quota is judged inside the batch's transaction, which holds the write gate and sees the creates
        // batched before this one: creates racing for an owner's last bytes are judged one after the other.
        return database.WriteBatchedAsync(durable: false, async batch =>
        {
            if (await JudgeCreateAsync(batch.Connection, batch.Transaction, upload, quota) is { } breach)
            {
                return breach;
            }
            batch.Execute(uploadSql, uploadNames, uploadValues);
            batch.Execute(jobSql, jobNames, jobValues);
            return (QuotaBreach?)null;
        }, cancellationToken);
    }

    public override Task<KeyedCreate> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, QuotaLimits quota, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken)
    {
        var (claimSql, claimNames, claimValues) = ClaimInsert(claim, reclaimBefore);
        var (releaseSql, releaseNames, releaseValues) = ClaimRelease(claim);
        var (uploadSql, uploadNames, uploadValues) = UploadInsert(upload);
        var (jobSql, jobNames, jobValues) = JobInsert(job, runnable);
        // The batch writer is the one writer: the key's check, the quota's and the upload's rows commit together.
        return database.WriteBatchedAsync(durable: false, async batch =>
        {
            if (batch.Execute(claimSql, claimNames, claimValues) == 0)
            {
                return KeyedCreate.Taken;
            }
            if (await JudgeCreateAsync(batch.Connection, batch.Transaction, upload, quota) is { } breach)
            {
                // The batch commits what its items wrote: the key this create took goes back.
                batch.Execute(releaseSql, releaseNames, releaseValues);
                return new KeyedCreate(KeyTaken: false, breach);
            }
            batch.Execute(uploadSql, uploadNames, uploadValues);
            batch.Execute(jobSql, jobNames, jobValues);
            return KeyedCreate.Created;
        }, cancellationToken);
    }
}
