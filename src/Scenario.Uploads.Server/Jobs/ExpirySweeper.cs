using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Services;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Fails pending uploads whose time ran out and deletes their bytes, and deletes any bytes a failed
/// upload still has (a delete that failed earlier). Each change is a compare-and-set, so several
/// instances sweeping at once do not fight.
/// </summary>
public sealed class ExpirySweeper(
    IUploadRepository uploads,
    UploadService uploadService,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The expiry sweep failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var lifetime = options.Value.PendingLifetime;
        foreach (var upload in await uploads.FindExpiredAsync(time.GetUtcNow(), Batch, cancellationToken))
        {
            var message = $"The upload expired: it was not completed within {Describe(lifetime)} of its creation. Create a new upload.";
            if (await uploads.FailAsync(upload.Id, [UploadStatuses.Pending], message, JobStatuses.Failure, time.GetUtcNow(), cancellationToken))
            {
                logger.LogInformation("Upload {UploadId} expired.", upload.Id);
            }
        }
        foreach (var upload in await uploads.FindFailedWithBytesAsync(Batch, cancellationToken))
        {
            await uploadService.DeleteBytesAsync(upload, cancellationToken);
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} minutes" : $"{span.TotalSeconds:0.#} seconds";
}
