using Scenario.Uploads.Quotas;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>The read cache never serves an upload older than the last write, and owns its database file.</summary>
public sealed class CachedUploadRepositoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reads_racing_writes_end_on_what_the_database_holds()
    {
        var db = await PersistenceSet.SqliteAsync();
        var cached = new CachedUploadRepository(db.Uploads);
        for (var round = 0; round < 5; round++)
        {
            var (upload, job) = Records.New();
            await cached.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
            using var stop = new CancellationTokenSource();
            var reads = 0;
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Assert.NotNull(await cached.FindForOwnerAsync("owner_a", upload.Id, None));
                    await cached.GetPartsAsync(upload.Id, None);
                    Interlocked.Increment(ref reads);
                }
            })).ToList();
            while (Volatile.Read(ref reads) < 4)
            {
                await Task.Delay(1);
            }
            var readsBeforeWrites = Volatile.Read(ref reads);
            // At least 40 writes, and on until reads have overlapped them (on a loaded 2-core machine the readers may
            // not be scheduled during the first 40).
            var i = 0;
            while (i < 40 || (Volatile.Read(ref reads) == readsBeforeWrites && i < 4000))
            {
                i++;
                Assert.True(await cached.TryUpdateAsync(upload with { Sha256 = $"v{i}" }, [UploadStatuses.Pending], None));
                Assert.True(await cached.RecordPartAsync(upload.Id, Records.Part(upload, 1 + i % 3) with { ETag = $"e{i}" }, None));
            }
            var readsDuringWrites = Volatile.Read(ref reads) - readsBeforeWrites;
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            Assert.True(readsDuringWrites > 0, "no read overlapped the writes");

            Assert.Equal($"v{i}", (await cached.FindAsync(upload.Id, None))!.Sha256);
            // AssetOptions holds a list, which records compare by reference.
            Assert.Equal(
                (await db.Uploads.FindAsync(upload.Id, None))! with { AssetOptions = null },
                (await cached.FindAsync(upload.Id, None))! with { AssetOptions = null });
            Assert.Equal(
                (await db.Uploads.GetPartsAsync(upload.Id, None)).Select(p => p.ETag),
                (await cached.GetPartsAsync(upload.Id, None)).Select(p => p.ETag));
        }
    }

    [Fact]
    public async Task Every_kind_of_write_is_seen_by_the_next_read()
    {
        var db = await PersistenceSet.SqliteAsync();
        var cached = new CachedUploadRepository(db.Uploads);
        var (upload, job) = Records.New(parts: 2);
        await cached.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        Assert.Empty(await cached.GetPartsAsync(upload.Id, None));
        Assert.Equal(UploadStatuses.Pending, (await cached.FindAsync(upload.Id, None))!.Status);

        await cached.RecordPartAsync(upload.Id, Records.Part(upload, 1), None);
        await cached.RecordPartAsync(upload.Id, Records.Part(upload, 2), None);
        Assert.Equal([1, 2], (await cached.GetPartsAsync(upload.Id, None)).Select(p => p.Number));
        await cached.BeginPartWriteAsync(upload.Id, 2, upload.PartSize!.Value, Records.T0, None);
        Assert.Equal([1], (await cached.GetPartsAsync(upload.Id, None)).Select(p => p.Number));
        await cached.RecordPartAsync(upload.Id, Records.Part(upload, 2), None);

        await cached.CompleteAsync(upload.Id, null, QuotaLimits.Unlimited, Records.T0, None);
        Assert.Equal(UploadStatuses.Validating, (await cached.FindForOwnerAsync("owner_a", upload.Id, None))!.Status);
        await cached.FailAsync(upload.Id, [UploadStatuses.Validating], "broken", JobStatuses.Failure, Records.T0, None);
        Assert.Equal("broken", (await cached.FindAsync(upload.Id, None))!.ErrorMessage);
        await cached.MarkBytesDeletedAsync(upload.Id, None);
        Assert.True((await cached.FindAsync(upload.Id, None))!.BytesDeleted);
    }

    [Fact]
    public void A_second_owner_of_the_same_file_is_refused_until_the_first_lets_go()
    {
        var path = Path.Combine(TempDirectory.Create(), "uploads.db");
        using var first = SqliteDatabase.ForFile(path);
        first.LockExclusively();
        using var second = SqliteDatabase.ForFile(path);

        var refused = Assert.Throws<InvalidOperationException>(second.LockExclusively);

        Assert.Contains("Another Scenario Uploads service is using the database", refused.Message);
        Assert.Contains("Uploads:DataDirectory", refused.Message);
        first.Dispose();
        second.LockExclusively();
    }
}
