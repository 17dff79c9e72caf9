using Scenario.Uploads.Quotas;
using System.Collections.Concurrent;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>What every <c>IJobQueue</c> promises: one holder per job, leases that run out, retries.</summary>
public abstract class JobQueueContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected abstract Task<PersistenceSet> OpenAsync();

    private static async Task<JobRecord> RunnableJobAsync(PersistenceSet db)
    {
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);
        await db.Uploads.CompleteAsync(upload.Id, upload.PartSize, QuotaLimits.Unlimited, Records.T0, None);
        return job;
    }

    [Fact]
    public async Task A_job_is_not_runnable_before_its_upload_is_completed()
    {
        var db = await OpenAsync();
        var (upload, job) = Records.New();
        await db.Uploads.CreateAsync(upload, job, false, QuotaLimits.Unlimited, None);

        Assert.Null(await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0, None));
    }

    [Fact]
    public async Task Concurrent_workers_claim_each_job_exactly_once()
    {
        var db = await OpenAsync();
        var jobs = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            jobs.Add((await RunnableJobAsync(db)).Id);
        }
        var claims = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            while (await db.Jobs.ClaimOneAsync($"w{w}", Lease, Records.T0.AddSeconds(1), None) is { } claimed)
            {
                claims.Add(claimed.Id);
            }
        })));

        Assert.Equal(jobs.Order(), claims.Order());
    }

    [Fact]
    public async Task Workers_claiming_several_at_once_take_each_job_exactly_once_and_never_more_than_asked()
    {
        var db = await OpenAsync();
        var jobs = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            jobs.Add((await RunnableJobAsync(db)).Id);
        }
        var claims = new ConcurrentBag<string>();
        var largest = 0;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (await db.Jobs.ClaimAsync($"w{w}", Lease, Records.T0.AddSeconds(1), 4, None) is { Count: > 0 } claimed)
            {
                InterlockedMax(ref largest, claimed.Count);
                foreach (var job in claimed)
                {
                    Assert.Equal($"w{w}", job.LeaseOwner);
                    claims.Add(job.Id);
                }
            }
        })));

        Assert.Equal(jobs.Order(), claims.Order());
        Assert.InRange(largest, 1, 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task A_lapsed_lease_is_reclaimed_and_the_first_holder_loses_it()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        var first = await db.Jobs.ClaimOneAsync("dead", Lease, Records.T0.AddSeconds(1), None);
        Assert.Equal((job.Id, 1, "dead"), (first!.Id, first.Attempts, first.LeaseOwner));
        Assert.Null(await db.Jobs.ClaimOneAsync("alive", Lease, Records.T0.AddSeconds(2), None));

        var second = await db.Jobs.ClaimOneAsync("alive", Lease, Records.T0.AddSeconds(40), None);

        Assert.Equal((job.Id, 2, "alive"), (second!.Id, second.Attempts, second.LeaseOwner));
        Assert.False(await db.Jobs.HeartbeatAsync(job.Id, "dead", Records.T0.AddMinutes(5), 0.5, Records.T0, None));
        Assert.False(await db.Jobs.FinishAsync(job.Id, "dead", JobStatuses.Success, null, Records.T0.AddSeconds(41), None));
        Assert.True(await db.Jobs.HeartbeatAsync(job.Id, "alive", Records.T0.AddMinutes(5), 0.5, Records.T0, None));
        Assert.Equal(0.5, (await db.Jobs.FindForOwnerAsync("owner_a", job.Id, None))!.Progress);
    }

    [Fact]
    public async Task A_job_handed_back_on_shutdown_is_claimed_again_at_once_without_counting_an_attempt()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        await db.Jobs.ClaimOneAsync("stopping", Lease, Records.T0.AddSeconds(1), None);

        await db.Jobs.ReleaseAsync(job.Id, "someone-else", Records.T0.AddSeconds(2), Records.T0.AddSeconds(2), None);
        Assert.Null(await db.Jobs.ClaimOneAsync("next", Lease, Records.T0.AddSeconds(2), None));
        await db.Jobs.ReleaseAsync(job.Id, "stopping", Records.T0.AddSeconds(2), Records.T0.AddSeconds(2), None);
        var again = await db.Jobs.ClaimOneAsync("next", Lease, Records.T0.AddSeconds(2), None);

        Assert.Equal((job.Id, 1, "next"), (again!.Id, again.Attempts, again.LeaseOwner));
    }

    [Fact]
    public async Task A_job_handed_back_while_a_backend_is_down_waits_until_its_time_without_counting_an_attempt()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0.AddSeconds(1), None);

        await db.Jobs.ReleaseAsync(job.Id, "w1", notBefore: Records.T0.AddSeconds(7), now: Records.T0.AddSeconds(2), None);

        Assert.Null(await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddSeconds(6), None));
        var again = await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddSeconds(7), None);
        Assert.Equal((job.Id, 1), (again!.Id, again.Attempts));
    }

    [Fact]
    public async Task A_heartbeat_keeps_the_job_from_others()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0.AddSeconds(1), None);

        Assert.True(await db.Jobs.HeartbeatAsync(job.Id, "w1", Records.T0.AddMinutes(10), 0.2, Records.T0, None));

        Assert.Null(await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddMinutes(5), None));
    }

    [Fact]
    public async Task A_finished_job_is_never_claimed_again()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0.AddSeconds(1), None);

        Assert.True(await db.Jobs.FinishAsync(job.Id, "w1", JobStatuses.Success, """{"ok":true}""", Records.T0.AddSeconds(2), None));

        Assert.Null(await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddHours(1), None));
        var stored = await db.Jobs.FindForOwnerAsync("owner_a", job.Id, None);
        Assert.Equal((JobStatuses.Success, 1.0, """{"ok":true}""", (string?)null), (stored!.Status, stored.Progress, stored.MetadataJson, stored.LeaseOwner));
        Assert.Null(await db.Jobs.FindForOwnerAsync("owner_b", job.Id, None));
    }

    [Fact]
    public async Task A_job_released_for_retry_waits_until_its_time()
    {
        var db = await OpenAsync();
        var job = await RunnableJobAsync(db);
        await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0.AddSeconds(1), None);

        await db.Jobs.RetryLaterAsync(job.Id, "w1", Records.T0.AddSeconds(10), "boom", Records.T0.AddSeconds(2), None);

        Assert.Null(await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddSeconds(5), None));
        var again = await db.Jobs.ClaimOneAsync("w2", Lease, Records.T0.AddSeconds(11), None);
        Assert.Equal((job.Id, 2, "boom"), (again!.Id, again.Attempts, again.LastError));
    }

    [Fact]
    public async Task The_depth_counts_the_jobs_a_worker_could_claim_and_dates_the_oldest()
    {
        var db = await OpenAsync();
        Assert.Equal(new JobQueueDepth(0, null), await db.Jobs.MeasureAsync(Records.T0, None));
        var (pending, pendingJob) = Records.New();
        await db.Uploads.CreateAsync(pending, pendingJob, false, QuotaLimits.Unlimited, None);
        var first = await RunnableJobAsync(db);
        await RunnableJobAsync(db);

        Assert.Equal(new JobQueueDepth(2, Records.T0), await db.Jobs.MeasureAsync(Records.T0.AddSeconds(1), None));

        var claimed = await db.Jobs.ClaimOneAsync("w1", Lease, Records.T0.AddSeconds(1), None);
        await db.Jobs.RetryLaterAsync(claimed!.Id, "w1", Records.T0.AddSeconds(10), "boom", Records.T0.AddSeconds(2), None);
        Assert.Equal(first.Id, claimed.Id);
        Assert.Equal(1, (await db.Jobs.MeasureAsync(Records.T0.AddSeconds(5), None)).Runnable);
        Assert.Equal(new JobQueueDepth(2, Records.T0), await db.Jobs.MeasureAsync(Records.T0.AddSeconds(11), None));
    }
}

public sealed class SqliteJobQueueTests : JobQueueContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.SqliteAsync();
}

public sealed class PostgresJobQueueTests : JobQueueContract
{
    protected override Task<PersistenceSet> OpenAsync() => PersistenceSet.PostgresAsync();
}
