using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Backends;
using Scenario.Uploads.Server.DiskSpace;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Server.Webhooks;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Claims runnable jobs with a lease and runs them, up to <see cref="JobsOptions.Concurrency"/> at once.
/// The lease is renewed while a job runs; if this process dies, the lease runs out and any instance
/// claims the job again. Every step of a job is idempotent, so running one twice is harmless.
/// </summary>
public sealed class UploadJobWorker(
    IJobQueue queue,
    UploadProcessor processor,
    WebhookDelivery webhooks,
    JobSignal signal,
    WorkerHeartbeat heartbeat,
    IOptions<JobsOptions> options,
    TimeProvider time,
    UploadsMetrics metrics,
    BackendFaults faults,
    ILogger<UploadJobWorker> logger) : BackgroundService
{
    // How long a job waits after a backend it needed failed; neither this nor the claim backoff below is counted
    // against Jobs:MaxAttempts, which is for failures of the upload itself.
    private static readonly TimeSpan BackendRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DiskFullRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxClaimBackoff = TimeSpan.FromSeconds(5);

    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(Math.Max(1, settings.Concurrency));
        var running = new List<Task>();
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            heartbeat.Beat();
            // Beats while every slot is busy too: long jobs are work, not a stuck loop (/readyz tells them apart).
            while (!await slots.WaitAsync(settings.PollInterval, stoppingToken))
            {
                heartbeat.Beat();
            }
            // Every other free slot too, so one claim fills them all: claimed one at a time, each claim waited
            // for its own commit, and 16 clients of small files kept the worker seconds behind.
            var held = 1;
            while (slots.Wait(0))
            {
                held++;
            }
            IReadOnlyList<JobRecord> jobs = [];
            try
            {
                jobs = await queue.ClaimAsync(_workerId, settings.LeaseDuration, time.GetUtcNow(), held, stoppingToken);
                backoff = TimeSpan.Zero;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is down is logged once by BackendFaults, not at every poll.
                if (faults.Observe(e) is null)
                {
                    logger.LogError(e, "Could not claim a job; trying again shortly.");
                }
                backoff = backoff == TimeSpan.Zero ? settings.PollInterval / 2 : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxClaimBackoff.Ticks));
            }
            if (held > jobs.Count)
            {
                slots.Release(held - jobs.Count);
            }
            if (jobs.Count == 0)
            {
                await (backoff > TimeSpan.Zero ? Task.Delay(backoff, time, stoppingToken) : signal.WaitAsync(settings.PollInterval, stoppingToken));
                continue;
            }
            running.RemoveAll(t => t.IsCompleted);
            foreach (var job in jobs)
            {
                running.Add(RunAsync(job, slots, stoppingToken));
            }
        }
        await Task.WhenAll(running);
    }

    private async Task RunAsync(JobRecord job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        // A root span per attempt: the steps and their database and storage calls are its children.
        using var activity = UploadsTracing.Source.StartActivity("job run", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("scenario.job.id", job.Id);
        activity?.SetTag("scenario.upload.id", job.UploadId);
        activity?.SetTag("scenario.job.attempt", job.Attempts);
        try
        {
            if (job.JobType == UploadEvent.JobType)
            {
                // One POST, shorter than a lease (Webhooks:Timeout); its retries are its own, not an upload's.
                await RunDeliveryAsync(job, stoppingToken);
                return;
            }
            await using var lease = new JobLease(queue, job.Id, _workerId, options.Value.LeaseDuration, time, faults, logger, stoppingToken);
            var outcome = await processor.RunAsync(job, lease, lease.Token);
            await queue.FinishAsync(job.Id, _workerId, outcome.Status, outcome.MetadataJson, time.GetUtcNow(), CancellationToken.None);
            if (webhooks.Enabled)
            {
                signal.Notify(); // the upload ended: its deliveries are runnable now
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job back, so another instance (or this one, restarted) resumes it at once
            // from the last step it committed. If even that fails, the lease runs out and the same happens later.
            if (await HandBackAsync(job, TimeSpan.Zero, untilLeaseEnds: false, CancellationToken.None))
            {
                logger.LogInformation("Handed job {JobId} back on shutdown.", job.Id);
            }
        }
        catch (Exception e) when (e is LeaseLostException or OperationCanceledException)
        {
            logger.LogWarning("Lost the lease on job {JobId}; another worker has it now.", job.Id);
        }
        catch (Exception e) when (faults.Observe(e) is not null || DiskFullErrors.Is(e))
        {
            // The database or the store failed, or a disk is full, not the upload: the job goes on from its last
            // committed step once the backend had a moment (or space was freed), its attempt not counted (or, if
            // the database cannot even take that, once the lease runs out).
            activity.Fail(e);
            var full = DiskFullErrors.Is(e);
            if (full)
            {
                logger.LogWarning("Job {JobId} waits for disk space: {Error}", job.Id, e.Message);
            }
            await HandBackAsync(job, full ? DiskFullRetryDelay : BackendRetryDelay, untilLeaseEnds: true, stoppingToken);
        }
        catch (Exception e)
        {
            activity.Fail(e);
            await HandleFailureAsync(job, e);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RunDeliveryAsync(JobRecord job, CancellationToken stoppingToken)
    {
        try
        {
            await webhooks.RunAsync(job, _workerId, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database failed us, not the receiver: the lease runs out and the delivery is tried again, as
            // after a crash. An upload's failure path must not run for it (its upload has ended already).
            if (faults.Observe(e) is null)
            {
                logger.LogError(e, "Webhook delivery {JobId} could not run; it is tried again once its lease runs out.", job.Id);
            }
        }
    }

    /// <summary>
    /// Gives the job back uncounted, claimable after <paramref name="delay"/>; false when even that failed. With
    /// <paramref name="untilLeaseEnds"/>, a database that is down is asked again every half second until the
    /// job's lease would have run out anyway: the job then resumes as soon as the database is back, not a
    /// whole lease later.
    /// </summary>
    private async Task<bool> HandBackAsync(JobRecord job, TimeSpan delay, bool untilLeaseEnds, CancellationToken stoppingToken)
    {
        var giveUpAt = time.GetUtcNow() + options.Value.LeaseDuration;
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var now = time.GetUtcNow();
                await queue.ReleaseAsync(job.Id, _workerId, now + delay, now, timeout.Token);
                return true;
            }
            catch (Exception e) when (untilLeaseEnds && faults.Observe(e) is not null && time.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (faults.Observe(e) is null)
                {
                    logger.LogWarning(e, "Could not hand job {JobId} back; its lease will run out instead.", job.Id);
                }
                return false;
            }
        }
    }

    private async Task HandleFailureAsync(JobRecord job, Exception error)
    {
        try
        {
            await RecordFailureAsync(job, error);
        }
        catch (Exception e) when (faults.Observe(e) is not null)
        {
            // The database went away while the failure was written: the lease runs out and the job is tried again.
        }
    }

    private async Task RecordFailureAsync(JobRecord job, Exception error)
    {
        var settings = options.Value;
        if (job.Attempts >= settings.MaxAttempts)
        {
            logger.LogError(error, "Job {JobId} failed on its last attempt ({Attempts}).", job.Id, job.Attempts);
            var outcome = await processor.GiveUpAsync(job, error, CancellationToken.None);
            await queue.FinishAsync(job.Id, _workerId, outcome.Status, outcome.MetadataJson, time.GetUtcNow(), CancellationToken.None);
            return;
        }
        // 2 s, 4 s, 8 s, … capped at 5 minutes.
        var delay = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, job.Attempts)));
        logger.LogWarning(error, "Job {JobId} attempt {Attempts} failed; retrying in {Delay}.", job.Id, job.Attempts, delay);
        metrics.Retried();
        await queue.RetryLaterAsync(job.Id, _workerId, time.GetUtcNow() + delay, error.Message, time.GetUtcNow(), CancellationToken.None);
    }
}
