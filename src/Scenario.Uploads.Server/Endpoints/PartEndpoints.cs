using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Services;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// The signed part URLs of local storage. Spec: "one plain PUT of the raw bytes to each parts[].url,
/// with no API credentials"; any order, concurrently, sent again (the last one wins); a length that
/// contradicts the part size P (or implies none) → 400 naming the expected size, the first part to arrive
/// fixing P; expired or tampered URL → 403, after complete → 409; the ETag is readable by browsers.
/// </summary>
public static class PartEndpoints
{
    public const string CorsPolicy = "signed-urls";

    public static void MapPartEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/v1/uploads/{uploadId}/parts/{partNumber}", Put)
            .RequireCors(CorsPolicy)
            .AllowAnonymous()
            // The part store reads at most the part's planned size (plus one byte, to see an over-long body), so
            // Kestrel's limit is lifted here: it would cut off the draining of a body we refuse early, and it
            // miscounts chunked bodies (an exact-size chunked part was refused as too large).
            .WithMetadata(new DisableRequestSizeLimitAttribute());

    private static async Task<Results<JsonOk<PartReceiptEnvelope>, ProblemHttpResult>> Put(
        string uploadId, string partNumber, HttpContext context, UrlSigner signer, IUploadRepository uploads, IBlobStore blobs,
        PartLocks locks, PartsInFlight inFlight, IHostApplicationLifetime lifetime, IOptions<UploadsOptions> options, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A deploy is stopping this instance: parts in flight finish, new ones go to the next instance.
            return ShuttingDown(context, null);
        }
        if (!Ids.LooksValid(uploadId))
        {
            return ApiProblem.NotFound("upload");
        }
        if (!int.TryParse(partNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return ApiProblem.BadRequest(ErrorCodes.PartOutOfPlan, "The part number in the URL must be a whole number; use the URLs the service gave you unchanged.");
        }
        switch (signer.VerifyPart(uploadId, number, request.Query["expires"], request.Query["signature"], time.GetUtcNow()))
        {
            case SignatureCheck.Invalid:
                return ApiProblem.Forbidden(ErrorCodes.InvalidSignature, "The part URL's signature does not match: use the URL exactly as the service gave it.");
            case SignatureCheck.Expired:
                return ApiProblem.Forbidden(ErrorCodes.UrlExpired, "The part URL has expired. Retrieve the upload (GET /v1/uploads/{id}) for fresh part URLs.");
        }
        var upload = await uploads.FindAsync(uploadId, cancellationToken);
        if (upload is not { PartsCount: { } partsCount, FileSize: { } fileSize } || blobs is not IServicePartStore partStore)
        {
            return ApiProblem.NotFound("upload");
        }
        if (number < 1 || number > partsCount)
        {
            return ApiProblem.BadRequest(ErrorCodes.PartOutOfPlan, $"Part {number} is not in this upload's plan of {partsCount} part(s).");
        }
        if (NotPending(upload.Status, upload.ErrorMessage) is { } notPending)
        {
            return notPending;
        }
        using var slot = inFlight.TryEnter(upload.OwnerId);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiProblem.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyPartsInFlight,
                $"This account already has {options.Value.MaxPartsInFlightPerOwner} part uploads in progress on this server; send this part again when one of them is done.",
                new Dictionary<string, object?> { ["remainingSeconds"] = 1 });
        }
        // The bytes land at (n-1)·P in the upload's one file, so the part size must be known before they are
        // written: fixed by an earlier part, or implied by this part's declared length (spec: the first part
        // to arrive fixes P).
        if (request.ContentLength is not { } length)
        {
            if (upload.Plan is not { } fixedPlan)
            {
                return ApiProblem.Create(StatusCodes.Status411LengthRequired, ErrorCodes.LengthRequired,
                    $"This upload's part size is not fixed yet, and part {number} came without a Content-Length header (chunked): "
                    + "send it with Content-Length, as every S3 client does, so that the service knows where its bytes go.");
            }
            length = fixedPlan.SizeOf(number);
        }
        var implied = upload.Plan is { } known
            ? (length == known.SizeOf(number) ? PartSizeResult.Ok(known.PartSize) : FixedSizeMismatch(known, number))
            : PartPlan.PartSizeFor(fileSize, partsCount, number, length);
        if (implied.PartSize is not { } partSize)
        {
            return SizeMismatch(implied.Error!, length);
        }
        if (!ContentMd5.TryParse(request.Headers["Content-MD5"], out var expectedMd5))
        {
            return ApiProblem.BadRequest(ErrorCodes.InvalidContentMd5, "The Content-MD5 header must be the base64 of the part's 16-byte MD5 digest.");
        }
        using var held = await locks.AcquireAsync(uploadId, number, cancellationToken);
        var start = await uploads.BeginPartWriteAsync(uploadId, number, partSize, time.GetUtcNow(), cancellationToken);
        if (!start.MayWrite)
        {
            if (start is { Status: UploadStatuses.Pending, PartSize: { } racedSize })
            {
                // Another part fixed a different part size between our read and this transaction.
                return SizeMismatch(FixedSizeMismatch(new PartPlan(fileSize, partsCount, racedSize), number).Error!, length);
            }
            return NotPending(start.Status ?? UploadStatuses.Failed, upload.ErrorMessage) ?? ApiProblem.NotFound("upload");
        }
        var plan = new PartPlan(fileSize, partsCount, partSize);
        var size = plan.SizeOf(number);
        PartWriteResult written;
        using var body = new IdleTimeoutPipeReader(request.BodyReader, options.Value.PartIdleTimeout, time);
        try
        {
            written = await partStore.WritePartAsync(
                upload.StorageKey, plan.OffsetOf(number), size, body, withMd5: expectedMd5 is not null, cancellationToken);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            loggers.CreateLogger(typeof(PartEndpoints)).LogError("Storage is full: part {Part} of upload {UploadId} was refused (507). Free space.", number, uploadId);
            // The client is still sending: read the rest, so that it gets this answer rather than a broken pipe.
            await DrainAsync(body, cancellationToken);
            context.Response.Headers.RetryAfter = "60";
            return ApiProblem.Create(StatusCodes.Status507InsufficientStorage, ErrorCodes.InsufficientStorage,
                $"The service's storage is full: part {number} was not stored. Send it again later, or ask the operator to free space.",
                new Dictionary<string, object?> { ["remainingSeconds"] = 60 });
        }
        catch (Exception e) when (WriteFailure(e, number, context, lifetime) is { } failure)
        {
            return failure;
        }
        catch (BadHttpRequestException)
        {
            return SizeMismatch(FixedSizeMismatch(plan, number).Error!, null);
        }
        if (written.Status != PartWriteStatus.Written)
        {
            // A body cut short by this instance stopping is our event, not the client's mistake.
            return lifetime.ApplicationStopping.IsCancellationRequested
                ? ShuttingDown(context, number)
                : SizeMismatch(FixedSizeMismatch(plan, number).Error!, written.BytesReceived);
        }
        if (expectedMd5 is not null && !expectedMd5.AsSpan().SequenceEqual(written.Md5))
        {
            return ApiProblem.BadRequest(ErrorCodes.BadDigest, $"Part {number} arrived with a different MD5 than its Content-MD5 header: it was damaged on the way. Send it again.");
        }
        var etag = ServicePartETag.FromXxh128(written.Xxh128!);
        if (!await uploads.RecordPartAsync(uploadId, new PartRecord(number, size, etag, time.GetUtcNow()), cancellationToken))
        {
            var now = await uploads.FindAsync(uploadId, cancellationToken);
            return NotPending(now?.Status ?? UploadStatuses.Failed, now?.ErrorMessage) ?? ApiProblem.NotFound("upload");
        }
        context.Response.Headers.ETag = $"\"{etag}\"";
        return JsonOk.Of(new PartReceiptEnvelope(new PartReceiptDto(number, size, etag)));
    }

    private static async Task DrainAsync(PipeReader body, CancellationToken cancellationToken)
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
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            // The client gave up meanwhile (or stalled): nothing to answer it then.
        }
    }

    /// <summary>
    /// The answer to a write that failed for a reason other than the client's bytes: the server's shutdown,
    /// or a client that stopped sending. Null for the client's own mistakes (a body too short).
    /// </summary>
    private static ProblemHttpResult? WriteFailure(Exception error, int number, HttpContext context, IHostApplicationLifetime lifetime)
    {
        if (error is BodyStalledException stalled)
        {
            return ApiProblem.Create(StatusCodes.Status408RequestTimeout, ErrorCodes.PartStalled,
                $"No bytes of part {number} arrived for {stalled.IdleTimeout.TotalSeconds:0} s, so the service stopped waiting: the part was not stored. Send it again.");
        }
        if (lifetime.ApplicationStopping.IsCancellationRequested && error is BadHttpRequestException or IOException or OperationCanceledException)
        {
            return ShuttingDown(context, number);
        }
        if (error is ConnectionResetException || (context.RequestAborted.IsCancellationRequested && error is IOException or OperationCanceledException))
        {
            // The client went away mid-part: nobody reads this answer, and it is no error of ours to log.
            return ApiProblem.BadRequest(ErrorCodes.BadRequest, $"The connection closed before part {number} was complete: the part was not stored. Send it again.");
        }
        if (error is IOException { InnerException: OverflowException or BadHttpRequestException })
        {
            // Kestrel wraps a chunk size that overflows in an IOException: broken framing, the client's error.
            return ApiProblem.BadRequest(ErrorCodes.BadRequest,
                $"The chunked framing of part {number} is broken (a chunk size that does not fit in 64 bits): the part was not stored. Send it again with Content-Length.");
        }
        return null;
    }

    private static ProblemHttpResult ShuttingDown(HttpContext context, int? number)
    {
        context.Response.Headers.RetryAfter = "5";
        return ApiProblem.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ShuttingDown,
            (number is { } n ? $"Part {n} was cut off: " : "")
            + "this server is restarting and takes no new part uploads; send the part again in a few seconds (to another instance if there is one).",
            new Dictionary<string, object?> { ["remainingSeconds"] = 5 });
    }

    private static PartSizeResult FixedSizeMismatch(PartPlan plan, int number) =>
        PartSizeResult.Fail(plan.SizeOf(number),
            $"Part {number} must be exactly {plan.SizeOf(number)} bytes: this upload's part size is {plan.PartSize} bytes, fixed by the first part it received"
            + (number == plan.PartsCount ? $", and part {number} is the last, carrying the rest" : ""));

    private static ProblemHttpResult? NotPending(string status, string? errorMessage) => status switch
    {
        UploadStatuses.Pending => null,
        UploadStatuses.Failed => ApiProblem.Conflict(ErrorCodes.UploadFailed, $"The upload failed and takes no more parts: {errorMessage} Create a new upload."),
        _ => ApiProblem.Conflict(ErrorCodes.UploadNotPending, $"The upload is {status}: it was completed and takes no more parts."),
    };

    private static ProblemHttpResult SizeMismatch(string rule, long? received) =>
        ApiProblem.BadRequest(ErrorCodes.PartSizeMismatch,
            (received is { } got ? $"{rule}; this request carried {got}." : $"{rule}; this request carried a different number of bytes.")
            + " The part was not stored: send it again with the right bytes.");
}
