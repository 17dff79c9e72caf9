using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Backends;
using Scenario.Uploads.Server.Lifecycle;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Fails pending uploads whose time ran out and deletes their bytes, deletes any bytes a failed upload
/// still has (a delete that failed earlier), and the temporary files of imports whose process died
/// mid-download, and tus's partial uploads whose time ran out (they have no upload of their own to fail). Each
/// change is a compare-and-set, so several instances sweeping at once do not fight.
/// </summary>
public sealed class ExpirySweeper(
    IUploadRepository uploads,
    IAppendRepository appends,
    UploadBytes bytes,
    UploadTransitions transitions,
    IBlobStore blobs,
    IOptions<UploadsOptions> options,
    IOptions<ImportsOptions> imports,
    TimeProvider time,
    UploadsMetrics metrics,
    BackendFaults faults,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A backend that is down is logged once, by BackendFaults; the sweep just runs again next time.
                    if (faults.Observe(e) is null)
                    {
                        logger.LogError(e, "The expiry sweep failed; it runs again at the next interval.");
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping (also right after a failed start): a normal end, not a failure to log.
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var lifetime = options.Value.PendingLifetime;
        foreach (var upload in await uploads.FindExpiredAsync(time.GetUtcNow(), Batch, cancellationToken))
        {
            var message = $"The upload expired: it was not completed within {Describe(lifetime)} of its creation. Create a new upload.";
            if (await transitions.FailAsync(upload, [UploadStatuses.Pending], message, JobStatuses.Failure, FailureReasons.Expired, cancellationToken))
            {
                logger.LogInformation("Upload {UploadId} expired.", upload.Id);
                metrics.Swept("expired");
            }
        }
        foreach (var upload in await uploads.FindFailedWithBytesAsync(Batch, cancellationToken))
        {
            if (await bytes.DeleteAsync(upload, cancellationToken))
            {
                metrics.Swept("bytes");
            }
        }
        foreach (var partial in await appends.FindExpiredPartialsAsync(time.GetUtcNow(), Batch, cancellationToken))
        {
            // Bytes first: a state forgotten before its bytes would leave them nobody's.
            await blobs.DeleteAsync(partial.StorageKey, partial.StorageUploadId, cancellationToken);
            if (await appends.DeleteAsync(partial.Id, cancellationToken))
            {
                metrics.Swept("partial");
            }
        }
        if (await uploads.ForgetIdempotencyClaimsAsync(time.GetUtcNow() - options.Value.IdempotencyKeyLifetime, cancellationToken) is > 0 and var forgotten)
        {
            logger.LogDebug("Forgot {Count} idempotency key(s) past their lifetime.", forgotten);
        }
        if (blobs is ILeftoverSweeper sweeper)
        {
            // No download attempt outlives Imports:DownloadTimeout, and a live one keeps writing its file.
            var cutoff = time.GetUtcNow() - imports.Value.DownloadTimeout - TimeSpan.FromMinutes(1);
            if (await sweeper.DeleteLeftoversAsync(cutoff, cancellationToken) is > 0 and var deleted)
            {
                logger.LogInformation("Deleted {Count} leftover file(s) of interrupted imports.", deleted);
                metrics.Swept("leftovers", deleted);
            }
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} minutes" : $"{span.TotalSeconds:0.#} seconds";
}
