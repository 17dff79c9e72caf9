using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// Stores one part sent through the service (local disk): parses the request, checks its requirements,
/// takes the owner's slot and the part's lock (held with <c>using</c> until the write ends), fixes the
/// upload's part size with the write's start (the first part to arrive fixes it), streams the bytes into
/// place, and records the part once they are durable. Every outcome is a result the endpoint maps to HTTP.
/// </summary>
internal sealed class PartWriter(
    PartRequirements requirements,
    IUploadRepository uploads,
    IBlobStore blobs,
    PartsInFlight inFlight,
    PartLocks locks,
    HasherRegistry hashers,
    IHostApplicationLifetime lifetime,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    UploadsMetrics metrics,
    ILogger<PartWriter> logger)
{
    public async Task<Result<PartRecord>> WriteAsync(PartRequest request)
    {
        using var activity = UploadsTracing.Source.StartActivity("part write");
        activity?.SetTag("scenario.upload.id", request.UploadId);
        var started = time.GetTimestamp();
        Result<PartRecord>? result = null;
        try
        {
            return result = await CheckAndStoreAsync(PartTarget.Parse(request), activity);
        }
        finally
        {
            // An exception left to the global handler is an error of ours: "error", its 500 in the HTTP metrics.
            var outcome = result is null ? "error" : result.Error?.Code ?? "stored";
            activity?.SetTag("scenario.part.outcome", outcome);
            metrics.PartWritten(outcome, result is { Succeeded: true } ? result.Value.Size : 0, time.GetElapsedTime(started));
        }
    }

    private async Task<Result<PartRecord>> CheckAndStoreAsync(PartTarget target, System.Diagnostics.Activity? activity)
    {
        if (requirements.OfTheUrl(target) is { } badUrl)
        {
            return Result<PartRecord>.Fail(badUrl);
        }
        // A multipart upload whose parts come through the service (on S3 they go to the store).
        var upload = await uploads.FindAsync(target.UploadId, target.Request.ClientGone);
        if (upload is not { PartsCount: not null, FileSize: not null } || blobs is not IServicePartStore store)
        {
            return Result<PartRecord>.Fail(PartProblems.NoSuchUpload);
        }
        var write = new PartWrite(target, target.Number!.Value, upload, store);
        if (PartRequirements.OfTheUpload(write) is { } refused)
        {
            return Result<PartRecord>.Fail(refused);
        }
        // Ours: an owner's parts in flight are capped, so its slow clients cannot take everything.
        using var slot = inFlight.TryEnter(upload.OwnerId);
        if (slot is null)
        {
            return Result<PartRecord>.Fail(PartProblems.TooManyInFlight(options.Value.MaxPartsInFlightPerOwner));
        }
        if (PartRequirements.OfTheBody(write) is { } badBody)
        {
            return Result<PartRecord>.Fail(badBody);
        }
        activity?.SetTag("scenario.part.number", write.Number);
        return await StoreAsync(write, write.ImpliedPartSize().PartSize!.Value);
    }

    private async Task<Result<PartRecord>> StoreAsync(PartWrite write, long partSize)
    {
        var (uploadId, number, cancellationToken) = (write.Target.UploadId, write.Number, write.Target.Request.ClientGone);
        using var held = await locks.AcquireAsync(uploadId, number, cancellationToken);
        var start = await uploads.BeginPartWriteAsync(uploadId, number, partSize, time.GetUtcNow(), cancellationToken);
        if (!start.MayWrite)
        {
            return Result<PartRecord>.Fail(start is { Status: UploadStatuses.Pending, PartSize: { } raced }
                // Another part fixed a different part size between our read and this transaction.
                ? PartProblems.SizeMismatch(PartProblems.FixedSizeMismatch(new PartPlan(write.FileSize, write.PartsCount, raced), number).Error!, write.Length)
                : PartProblems.NotPending(start.Status ?? UploadStatuses.Failed, write.Upload.ErrorMessage) ?? PartProblems.NoSuchUpload);
        }
        var plan = new PartPlan(write.FileSize, write.PartsCount, partSize);
        var size = plan.SizeOf(number);
        PartWriteResult written;
        using var body = new IdleTimeoutPipeReader(write.Target.Request.Body, options.Value.PartIdleTimeout, time);
        // The upload's SHA-256 follows the bytes as they land (disposed: it hears the write ended, whole or not).
        using var follower = hashers.Follow(write.Upload, plan, number);
        try
        {
            written = await write.Store.WritePartAsync(write.Upload.StorageKey, plan.OffsetOf(number), size, body, write.Target.ExpectedMd5 is not null, follower, cancellationToken);
            follower?.Whole = written.Status == PartWriteStatus.Written;
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            logger.LogError("Storage is full: part {Part} of upload {UploadId} was refused (507). Free space.", number, uploadId);
            // The client is still sending: read the rest, so that it gets the answer rather than a broken pipe.
            await DrainAsync(body, cancellationToken);
            return Result<PartRecord>.Fail(PartProblems.DiskFull(number));
        }
        catch (Exception e) when (Interrupted(e, plan, number, cancellationToken) is { } interrupted)
        {
            return Result<PartRecord>.Fail(interrupted);
        }
        if (written.Status != PartWriteStatus.Written)
        {
            // A body cut short by this instance stopping is our event, not the client's mistake.
            return Result<PartRecord>.Fail(lifetime.ApplicationStopping.IsCancellationRequested
                ? PartProblems.ShuttingDown(number)
                : PartProblems.SizeMismatch(PartProblems.FixedSizeMismatch(plan, number).Error!, written.BytesReceived));
        }
        if (write.Target.ExpectedMd5 is { } md5 && !md5.AsSpan().SequenceEqual(written.Md5))
        {
            return Result<PartRecord>.Fail(PartProblems.BadDigest(number));
        }
        var part = new PartRecord(number, size, ServicePartETag.FromXxh128(written.Xxh128!), time.GetUtcNow());
        if (!await uploads.RecordPartAsync(uploadId, part, cancellationToken))
        {
            var now = await uploads.FindAsync(uploadId, cancellationToken);
            return Result<PartRecord>.Fail(PartProblems.NotPending(now?.Status ?? UploadStatuses.Failed, now?.ErrorMessage) ?? PartProblems.NoSuchUpload);
        }
        return Result<PartRecord>.Ok(part);
    }

    /// <summary>
    /// The answer to a body that stopped for a reason other than the client's bytes: a stall, this instance
    /// stopping, the client leaving, broken framing. Null leaves the exception to the global handler.
    /// </summary>
    private Problem? Interrupted(Exception error, PartPlan plan, int number, CancellationToken clientGone) => error switch
    {
        BodyStalledException stalled => PartProblems.Stalled(number, stalled.IdleTimeout),
        BadHttpRequestException or IOException or OperationCanceledException when lifetime.ApplicationStopping.IsCancellationRequested =>
            PartProblems.ShuttingDown(number),
        // The client went away mid-part: nobody reads this answer, and it is no error of ours to log.
        ConnectionResetException => PartProblems.ClientGone(number),
        IOException or OperationCanceledException when clientGone.IsCancellationRequested => PartProblems.ClientGone(number),
        // Kestrel wraps a chunk size that overflows in an IOException: broken framing, the client's error.
        IOException { InnerException: OverflowException or BadHttpRequestException } => PartProblems.BrokenFraming(number),
        // A body shorter than its Content-Length: the client's bytes do not make the part.
        BadHttpRequestException => PartProblems.SizeMismatch(PartProblems.FixedSizeMismatch(plan, number).Error!, null),
        _ => null,
    };

    private static async Task DrainAsync(System.IO.Pipelines.PipeReader body, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(cancellationToken);
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client gave up meanwhile (or stalled): nothing to answer it then.
        }
    }
}
