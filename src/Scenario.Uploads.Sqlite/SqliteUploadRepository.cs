using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>Uploads and their parts in SQLite; creates go through the batch writer (group commit).</summary>
public sealed class SqliteUploadRepository(SqliteDatabase database) : SqlUploadRepository(database)
{
    public override Task CreateAsync(UploadRecord upload, JobRecord job, bool runnable, CancellationToken cancellationToken)
    {
        var (uploadSql, uploadNames, uploadValues) = UploadInsert(upload);
        var (jobSql, jobNames, jobValues) = JobInsert(job, runnable);
        // Relaxed like the upload's sparse file, which is not fsynced either: a create lost to power loss is
        // one the client has had no part acknowledged for yet: every part's record commits durably (FULL
        // syncs the whole log, this row with it) before the part's 2xx. Batched: creates come in crowds.
        return database.WriteBatchedAsync(durable: false, batch =>
        {
            batch.Execute(uploadSql, uploadNames, uploadValues);
            batch.Execute(jobSql, jobNames, jobValues);
            return Task.FromResult(true);
        }, cancellationToken);
    }

    public override Task<bool> CreateOnceAsync(
        UploadRecord upload, JobRecord job, bool runnable, IdempotencyClaim claim, DateTimeOffset reclaimBefore, CancellationToken cancellationToken)
    {
        var (claimSql, claimNames, claimValues) = ClaimInsert(claim, reclaimBefore);
        var (uploadSql, uploadNames, uploadValues) = UploadInsert(upload);
        var (jobSql, jobNames, jobValues) = JobInsert(job, runnable);
        // The batch writer is the one writer: the key's check and the upload's rows commit together.
        return database.WriteBatchedAsync(durable: false, batch =>
        {
            if (batch.Execute(claimSql, claimNames, claimValues) == 0)
            {
                return Task.FromResult(false);
            }
            batch.Execute(uploadSql, uploadNames, uploadValues);
            batch.Execute(jobSql, jobNames, jobValues);
            return Task.FromResult(true);
        }, cancellationToken);
    }
}
