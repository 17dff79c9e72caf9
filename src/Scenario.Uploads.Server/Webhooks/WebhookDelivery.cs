using Scenario.Uploads.Server.Wire;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// Runs one delivery job (queued by the transaction that ended the upload): one POST per attempt; a 2xx ends
/// it, anything else is tried again after a doubling delay, up to <see cref="WebhooksOptions.MaxAttempts"/>.
/// At least once: a receiver that answered 2xx to an attempt whose end was not recorded gets the event again,
/// with the same <c>Scenario-Event-Id</c>, by which it can tell.
/// </summary>
public sealed class WebhookDelivery(
    IJobQueue queue,
    IUploadRepository uploads,
    UploadPresenter presenter,
    WebhookSender sender,
    IOptions<WebhooksOptions> options,
    TimeProvider time,
    ILogger<WebhookDelivery> logger)
{
    /// <summary>Whether this instance delivers anything (then the worker looks for deliveries at once after an upload ends).</summary>
    public bool Enabled => options.Value.Keys.Count > 0;

    public async Task RunAsync(JobRecord job, string workerId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var target = job.Target is { } key ? settings.Keys.GetValueOrDefault(key) : null;
        var upload = await uploads.FindAsync(job.UploadId, cancellationToken);
        if (target is null || upload is null || job.MetadataJson is null)
        {
            // The key's webhook was removed from the settings since the upload ended: nobody to tell.
            logger.LogWarning("Webhook delivery {JobId} has no configured receiver any more; dropped.", job.Id);
            await queue.FinishAsync(job.Id, workerId, JobStatuses.Canceled, null, time.GetUtcNow(), CancellationToken.None);
            return;
        }
        var uploadEvent = UploadEvent.FromJson(job.MetadataJson);
        var body = Body(uploadEvent, upload);
        var failure = await sender.SendAsync(target, uploadEvent.Id, body, cancellationToken);
        var now = time.GetUtcNow();
        if (failure is null)
        {
            await queue.FinishAsync(job.Id, workerId, JobStatuses.Success, null, now, CancellationToken.None);
            return;
        }
        if (job.Attempts >= settings.MaxAttempts)
        {
            logger.LogError("Webhook {EventId} to key {ApiKey} given up after {Attempts} attempts: {Failure}", uploadEvent.Id, job.Target, job.Attempts, failure);
            await queue.FinishAsync(job.Id, workerId, JobStatuses.Failure, null, now, CancellationToken.None);
            return;
        }
        var delay = RetryDelay(settings, job.Attempts);
        logger.LogWarning("Webhook {EventId} attempt {Attempts} failed ({Failure}); retrying in {Delay}.", uploadEvent.Id, job.Attempts, failure, delay);
        await queue.RetryLaterAsync(job.Id, workerId, now + delay, failure, now, CancellationToken.None);
    }

    /// <summary>FirstRetryDelay after attempt 1, doubling after each further one, at most MaxRetryDelay.</summary>
    public static TimeSpan RetryDelay(WebhooksOptions settings, int attempts)
    {
        var doubled = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, settings.MaxRetryDelay.TotalMilliseconds));
    }

    // An ended upload has no part URLs to sign, so the base URL is not needed and the body is the same every attempt.
    private byte[] Body(UploadEvent uploadEvent, UploadRecord upload) => JsonSerializer.SerializeToUtf8Bytes(
        new WebhookEnvelope(uploadEvent.Id, uploadEvent.Type, Iso8601.Format(uploadEvent.CreatedAt), new WebhookData(presenter.Present(upload, null, ""))),
        WebhookJsonContext.Default.WebhookEnvelope);
}
