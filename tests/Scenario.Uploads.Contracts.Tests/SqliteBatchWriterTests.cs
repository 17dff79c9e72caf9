using Scenario.Uploads.Quotas;
using Microsoft.Data.Sqlite;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>Group commit of the SQLite database: every queued write lands, and one bad write fails alone.</summary>
public sealed class SqliteBatchWriterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Concurrent_creates_all_commit_and_a_failing_one_fails_alone()
    {
        using var database = SqliteDatabase.ForFile(Path.Combine(TempDirectory.Create(), "uploads.db"));
        await database.InitializeAsync(None);
        var uploads = new SqlUploadRepository(database);
        var created = Enumerable.Range(0, 300).Select(_ => Records.New()).ToList();
        var (clash, clashJob) = created[150];

        var writes = created.Select(c => Task.Run(() => uploads.CreateAsync(c.Upload, c.Job, false, QuotaLimits.Unlimited, None))).ToList();
        // Same upload id, its own job: whichever of the two runs second breaks the primary key.
        writes.Add(Task.Run(() => uploads.CreateAsync(clash, clashJob with { Id = Ids.New("job") }, false, QuotaLimits.Unlimited, None)));
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return null;
            }
            catch (SqliteException e)
            {
                return e;
            }
        }));

        var failure = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(19, failure!.SqliteErrorCode); // SQLITE_CONSTRAINT
        foreach (var (upload, _) in created)
        {
            Assert.Equal(upload.Id, (await uploads.FindAsync(upload.Id, None))?.Id);
        }
    }

    [Fact]
    public async Task A_write_after_dispose_is_refused()
    {
        var database = SqliteDatabase.ForFile(Path.Combine(TempDirectory.Create(), "uploads.db"));
        await database.InitializeAsync(None);
        var uploads = new SqlUploadRepository(database);
        var (upload, job) = Records.New();
        await uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);

        database.Dispose();

        var (later, laterJob) = Records.New();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => uploads.CreateAsync(later, laterJob, false, QuotaLimits.Unlimited, None));
    }
}
