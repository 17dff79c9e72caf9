using Scenario.Uploads.Quotas;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>What every <c>IUploadRepository</c> promises, including each compare-and-set.</summary>
public abstract class UploadRepositoryContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<PersistenceSet> OpenAsync();

    [Fact]
    public async Task Create_then_find_round_trips_every_field()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);

        var found = await db.Uploads.FindAsync(upload.Id, None);

        Assert.Equal(upload with { AssetOptions = null }, found! with { AssetOptions = null });
        Assert.Equal(["col_1"], found.AssetOptions!.CollectionIds);
        Assert.Equal(upload.Id, (await db.Uploads.FindForOwnerAsync("owner_a", upload.Id, None))?.Id);
        Assert.Null(await db.Uploads.FindForOwnerAsync("owner_b", upload.Id, None));
    }

    [Fact]
    public async Task List_is_newest_first_and_pages_with_a_cursor()
    {
        var db = await OpenAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (upload, job) = Records.New(createdAt: Records.T0.AddSeconds(i));
            await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
            ids.Insert(0, upload.Id);
        }
        var first = await db.Uploads.ListAsync("owner_a", 3, null, None);
        var rest = await db.Uploads.ListAsync("owner_a", 3, new(first[^1].CreatedAt, first[^1].Id), None);

        Assert.Equal(ids, first.Concat(rest).Select(u => u.Id));
        Assert.Empty(await db.Uploads.ListAsync("owner_b", 3, null, None));
    }

    [Fact]
    public async Task A_part_write_forgets_the_old_copy_and_is_refused_once_not_pending()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        Assert.True(await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 2), None));
        Assert.Equal([2], (await db.Uploads.GetPartsAsync(upload.Id, None)).Select(p => p.Number));

        Assert.Equal(new(UploadStatuses.Pending, true, upload.PartSize), await db.Uploads.BeginPartWriteAsync(upload.Id, 2, upload.PartSize!.Value, Records.T0, None));
        Assert.Empty(await db.Uploads.GetPartsAsync(upload.Id, None));

        await db.Uploads.FailAsync(upload.Id, [UploadStatuses.Pending], "gone", JobStatuses.Canceled, Records.T0, None);
        Assert.Equal(new(UploadStatuses.Failed, false, upload.PartSize), await db.Uploads.BeginPartWriteAsync(upload.Id, 1, upload.PartSize!.Value, Records.T0, None));
        Assert.False(await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 1), None));
        Assert.Equal(new(null, false), await db.Uploads.BeginPartWriteAsync("upload_nope", 1, upload.PartSize!.Value, Records.T0, None));
    }

    [Fact]
    public async Task Complete_lists_missing_parts_then_completes_once_every_part_is_held()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 2), None);

        var missing = await db.Uploads.CompleteAsync(upload.Id, null, QuotaLimits.Unlimited, Records.T0, None);
        Assert.False(missing.Completed);
        Assert.Equal([1, 3], missing.MissingParts);

        await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 1), None);
        await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 3), None);
        var done = await db.Uploads.CompleteAsync(upload.Id, null, QuotaLimits.Unlimited, Records.T0, None);
        Assert.True(done.Completed);
        Assert.Equal(UploadStatuses.Validating, done.Upload!.Status);
        Assert.Equal(UploadStatuses.Validating, (await db.Uploads.FindAsync(upload.Id, None))!.Status);
        var again = await db.Uploads.CompleteAsync(upload.Id, null, QuotaLimits.Unlimited, Records.T0, None);
        Assert.False(again.Completed);
        Assert.Equal(UploadStatuses.Validating, again.Upload!.Status);
    }

    [Fact]
    public async Task Complete_trusts_the_store_when_it_verified_the_parts_and_records_their_part_size()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload with { PartSize = null }, job, false, QuotaLimits.Unlimited, None);

        var done = await db.Uploads.CompleteAsync(upload.Id, PartPlan.MinPartSize, QuotaLimits.Unlimited, Records.T0, None);

        Assert.True(done.Completed);
        Assert.Equal(PartPlan.MinPartSize, done.Upload!.PartSize);
        Assert.Equal(PartPlan.MinPartSize, (await db.Uploads.FindAsync(upload.Id, None))!.PartSize);
        Assert.Equal(job.Id, (await db.Jobs.ClaimOneAsync("w", TimeSpan.FromMinutes(1), Records.T0.AddSeconds(1), None))?.Id);
    }

    [Fact]
    public async Task The_first_part_write_fixes_the_part_size_and_a_part_of_another_size_is_refused()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload with { PartSize = null }, job, false, QuotaLimits.Unlimited, None);
        var eight = 8 * 1024 * 1024L;

        Assert.Equal(new(UploadStatuses.Pending, true, eight), await db.Uploads.BeginPartWriteAsync(upload.Id, 3, eight, Records.T0, None));
        Assert.Equal(eight, (await db.Uploads.FindAsync(upload.Id, None))!.PartSize);
        Assert.Equal(new(UploadStatuses.Pending, true, eight), await db.Uploads.BeginPartWriteAsync(upload.Id, 1, eight, Records.T0, None));
        Assert.Equal(new(UploadStatuses.Pending, false, eight), await db.Uploads.BeginPartWriteAsync(upload.Id, 2, PartPlan.MinPartSize, Records.T0, None));
    }

    [Fact]
    public async Task Of_first_parts_racing_with_different_sizes_exactly_one_size_wins()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New(parts: 3);
        await db.Uploads.CreateAsync(upload with { PartSize = null }, job, false, QuotaLimits.Unlimited, None);
        long[] sizes = [PartPlan.MinPartSize, PartPlan.MinPartSize + 1, PartPlan.MinPartSize + 2, PartPlan.MinPartSize + 3];

        var starts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            db.Uploads.BeginPartWriteAsync(upload.Id, 1 + (i % 2), sizes[i % sizes.Length], Records.T0, None)));

        var winner = (await db.Uploads.FindAsync(upload.Id, None))!.PartSize;
        for (var i = 0; i < starts.Length; i++)
        {
            Assert.Equal(winner, starts[i].PartSize);
            Assert.Equal(sizes[i % sizes.Length] == winner, starts[i].MayWrite);
        }
    }

    [Fact]
    public async Task Concurrent_completes_have_exactly_one_winner()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.Uploads.CompleteAsync(upload.Id, upload.PartSize, QuotaLimits.Unlimited, Records.T0, None)));

        Assert.Single(outcomes, o => o.Completed);
    }

    [Fact]
    public async Task Try_update_and_fail_change_only_the_expected_status()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 1), None);

        Assert.False(await db.Uploads.TryUpdateAsync(upload with { Status = UploadStatuses.Validating }, [UploadStatuses.Complete], None));
        Assert.True(await db.Uploads.TryUpdateAsync(upload with { Sha256 = "abc" }, [UploadStatuses.Pending], None));
        Assert.Equal("abc", (await db.Uploads.FindAsync(upload.Id, None))!.Sha256);
        Assert.False(await db.Uploads.FailAsync(upload.Id, [UploadStatuses.Validating], "no", JobStatuses.Failure, Records.T0, None));
        Assert.True(await db.Uploads.FailAsync(upload.Id, [UploadStatuses.Pending], "expired", JobStatuses.Failure, Records.T0, None));
        Assert.False(await db.Uploads.FailAsync(upload.Id, [UploadStatuses.Pending], "again", JobStatuses.Failure, Records.T0, None));

        var failed = await db.Uploads.FindAsync(upload.Id, None);
        Assert.Equal((UploadStatuses.Failed, "expired"), (failed!.Status, failed.ErrorMessage));
        Assert.Empty(await db.Uploads.GetPartsAsync(upload.Id, None));
        var storedJob = await db.Jobs.FindForOwnerAsync("owner_a", job.Id, None);
        Assert.Equal((JobStatuses.Failure, "expired"), (storedJob!.Status, storedJob.LastError));
    }

    [Fact]
    public async Task A_status_change_the_lifecycle_forbids_is_refused_and_changes_nothing_in_the_row()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        await db.Uploads.RecordPartAsync(upload.Id, Records.Part(upload, 1), None);
        var (imported, importedJob) = Records.New();
        await db.Uploads.CreateAsync(imported, importedJob, false, QuotaLimits.Unlimited, None);
        Assert.True(await db.Uploads.TryUpdateAsync(imported with { Status = UploadStatuses.Validating }, [UploadStatuses.Pending], None));
        Assert.True(await db.Uploads.TryUpdateAsync(imported with { Status = UploadStatuses.Validated }, [UploadStatuses.Validating], None));
        Assert.True(await db.Uploads.TryUpdateAsync(imported with { Status = UploadStatuses.Imported, EntityId = "asset_1" }, [UploadStatuses.Validated], None));
        var pendingBefore = await db.Uploads.FindAsync(upload.Id, None);
        var importedBefore = await db.Uploads.FindAsync(imported.Id, None);

        var skipped = await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => db.Uploads.TryUpdateAsync(
            upload with { Status = UploadStatuses.Imported, EntityId = "asset_2", Sha256 = "abc" }, [UploadStatuses.Pending], None));
        var unfailed = await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => db.Uploads.FailAsync(
            imported.Id, [UploadStatuses.Imported], "must not be written", JobStatuses.Failure, Records.T0, None));
        // Allowed from one expected status, forbidden from another: refused as a whole.
        await Assert.ThrowsAsync<ForbiddenStatusChangeException>(() => db.Uploads.TryUpdateAsync(
            upload with { Status = UploadStatuses.Validated }, [UploadStatuses.Validating, UploadStatuses.Pending], None));

        Assert.Equal((UploadStatuses.Pending, UploadStatuses.Imported), (skipped.From, skipped.To));
        Assert.Equal((UploadStatuses.Imported, UploadStatuses.Failed), (unfailed.From, unfailed.To));
        // Records compare their asset options' list by reference: the rows are compared without them.
        Assert.Equal(pendingBefore! with { AssetOptions = null }, (await db.Uploads.FindAsync(upload.Id, None))! with { AssetOptions = null });
        Assert.Equal(importedBefore! with { AssetOptions = null }, (await db.Uploads.FindAsync(imported.Id, None))! with { AssetOptions = null });
        Assert.Equal([1], (await db.Uploads.GetPartsAsync(upload.Id, None)).Select(p => p.Number));
        Assert.Equal(JobStatuses.Queued, (await db.Jobs.FindForOwnerAsync("owner_a", importedJob.Id, None))!.Status);
    }

    [Fact]
    public async Task Expired_and_failed_with_bytes_are_found_until_marked()
    {
        var db = await OpenAsync();
        var (old, oldJob) = Records.New(expiresAt: Records.T0.AddMinutes(1));
        var (fresh, freshJob) = Records.New(expiresAt: Records.T0.AddHours(1));
        await db.Uploads.CreateAsync(old, oldJob, false, QuotaLimits.Unlimited, None);
        await db.Uploads.CreateAsync(fresh, freshJob, false, QuotaLimits.Unlimited, None);

        Assert.Equal([old.Id], (await db.Uploads.FindExpiredAsync(Records.T0.AddMinutes(2), 10, None)).Select(u => u.Id));
        await db.Uploads.FailAsync(old.Id, [UploadStatuses.Pending], "expired", JobStatuses.Failure, Records.T0, None);
        Assert.Empty(await db.Uploads.FindExpiredAsync(Records.T0.AddMinutes(2), 10, None));
        Assert.Equal([old.Id], (await db.Uploads.FindFailedWithBytesAsync(10, None)).Select(u => u.Id));
        await db.Uploads.MarkBytesDeletedAsync(old.Id, None);
        Assert.Empty(await db.Uploads.FindFailedWithBytesAsync(10, None));
    }

    [Fact]
    public async Task Of_creates_racing_for_the_last_pending_upload_of_a_quota_exactly_one_is_stored()
    {
        var db = await OpenAsync();
        var quota = new QuotaLimits(StoredBytes: null, PendingBytes: null, PendingUploads: 1);
        var racers = Enumerable.Range(0, 8).Select(_ => Records.New()).ToList();

        var breaches = await Task.WhenAll(racers.Select(r => Task.Run(() => db.Uploads.CreateAsync(r.Upload, r.Job, false, quota, None))));

        Assert.Single(breaches, b => b is null);
        Assert.All(breaches.Where(b => b is not null), b => Assert.Equal(new QuotaBreach(QuotaNames.PendingUploads, 1, 1, 1), b));
        Assert.Single(await db.Uploads.ListAsync("owner_a", 10, null, None));
    }

    [Fact]
    public async Task Of_completes_racing_for_the_last_stored_bytes_exactly_one_wins_and_the_others_stay_pending()
    {
        var db = await OpenAsync();
        var racers = Enumerable.Range(0, 6).Select(_ => Records.New(parts: 1)).ToList();
        foreach (var (upload, job) in racers)
        {
            await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        }
        var quota = new QuotaLimits(StoredBytes: racers[0].Upload.FileSize, PendingBytes: null, PendingUploads: null);

        var outcomes = await Task.WhenAll(racers.Select(r =>
            Task.Run(() => db.Uploads.CompleteAsync(r.Upload.Id, r.Upload.PartSize, quota, Records.T0, None))));

        Assert.Single(outcomes, o => o.Completed);
        Assert.All(outcomes.Where(o => !o.Completed), o => Assert.Equal(QuotaNames.StoredBytes, o.Breach?.Quota));
        var statuses = await Task.WhenAll(racers.Select(async r => (await db.Uploads.FindAsync(r.Upload.Id, None))!.Status));
        Assert.Equal(5, statuses.Count(s => s == UploadStatuses.Pending));
    }

    [Fact]
    public async Task A_validated_upload_whose_asset_the_import_created_counts_once_against_the_stored_bytes()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New(parts: 1);
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        Assert.True((await db.Uploads.CompleteAsync(upload.Id, upload.PartSize, QuotaLimits.Unlimited, Records.T0, None)).Completed);
        Assert.True(await db.Uploads.TryUpdateAsync(upload with { Status = UploadStatuses.Validated }, [UploadStatuses.Validating], None));
        // The import's first step: the asset exists, the upload is not yet imported.
        await db.Entities.CreateAssetIfAbsentAsync(new AssetRecord
        {
            Id = "asset_of_" + upload.Id, OwnerId = upload.OwnerId, AuthorId = upload.AuthorId, UploadId = upload.Id, Kind = upload.Kind,
            FileName = upload.FileName, ContentType = "image/png", FileSize = upload.FileSize!.Value, Sha256 = "s",
            StorageKey = upload.StorageKey, CreatedAt = Records.T0,
        }, None);
        var stored = upload.FileSize!.Value;
        var (next, nextJob) = Records.New(parts: 1);
        var room = next.FileSize!.Value;

        // The owner may store exactly both files: the first counts once, so the second still fits.
        var breach = await db.Uploads.CreateAsync(next, nextJob, false, new QuotaLimits(StoredBytes: stored + room, PendingBytes: null, PendingUploads: null), None);

        Assert.Null(breach);
        var (third, thirdJob) = Records.New(parts: 1);
        var refused = await db.Uploads.CreateAsync(third, thirdJob, false, new QuotaLimits(StoredBytes: stored + room - 1, PendingBytes: null, PendingUploads: null), None);
        Assert.Equal(new QuotaBreach(QuotaNames.StoredBytes, stored + room - 1, stored, room), refused);
    }

    [Fact]
    public async Task An_upload_that_ends_queues_one_webhook_delivery_per_key_of_its_owner_with_a_webhook()
    {
        var db = await OpenAsync();
        await db.ApiKeys.UpsertAsync(new ApiKeyRecord("key_a", "hash", "owner_a", "author_a", Records.T0), None);
        await db.ApiKeys.UpsertAsync(new ApiKeyRecord("key_quiet", "hash", "owner_a", "author_a", Records.T0), None);
        await db.ApiKeys.UpsertAsync(new ApiKeyRecord("key_b", "hash", "owner_b", "author_b", Records.T0), None);
        var store = new SqlWebhookKeyStore((ISqlDatabase)db.Database);
        await store.ReplaceAsync(["key_quiet"], None);
        await store.ReplaceAsync(["key_a", "key_b"], None); // key_quiet no longer has one
        await store.ReplaceAsync(["key_a", "key_b"], None); // and a second start changes nothing
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);

        Assert.True(await db.Uploads.FailAsync(upload.Id, [UploadStatuses.Pending], "aborted", JobStatuses.Canceled, Records.T0, None));
        var delivery = await db.Jobs.ClaimOneAsync("worker", TimeSpan.FromMinutes(1), Records.T0.AddSeconds(1), None);

        Assert.NotNull(delivery);
        Assert.Equal((UploadEvent.JobType, "key_a", upload.Id), (delivery.JobType, delivery.Target, delivery.UploadId));
        Assert.Equal(UploadEvent.Failed, UploadEvent.FromJson(delivery.MetadataJson!).Type);
        Assert.Null(await db.Jobs.ClaimOneAsync("worker", TimeSpan.FromMinutes(1), Records.T0.AddSeconds(1), None));
    }
}

public sealed class SqliteUploadRepositoryTests : UploadRepositoryContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.SqliteAsync();
}

public sealed class CachedSqliteUploadRepositoryTests : UploadRepositoryContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.CachedSqliteAsync();
}

public sealed class PostgresUploadRepositoryTests : UploadRepositoryContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.PostgresAsync();
}
