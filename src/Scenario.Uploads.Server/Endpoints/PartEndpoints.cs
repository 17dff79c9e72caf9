using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Services;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Endpoints;

/// <summary>
/// The signed part URLs of local storage. Spec: "one plain PUT of the raw bytes to each parts[].url,
/// with no API credentials"; any order, concurrently, sent again (the last one wins); wrong length →
/// 400, expired or tampered URL → 403, after complete → 409; the ETag is readable by browsers.
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
        PartLocks locks, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!int.TryParse(partNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !Ids.LooksValid(uploadId))
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
        if (upload?.Plan is not { } plan || blobs is not IServicePartStore partStore)
        {
            return ApiProblem.NotFound("upload");
        }
        if (!plan.Contains(number))
        {
            return ApiProblem.BadRequest(ErrorCodes.PartOutOfPlan, $"Part {number} is not in this upload's plan of {plan.PartsCount} part(s).");
        }
        if (NotPending(upload.Status, upload.ErrorMessage) is { } notPending)
        {
            return notPending;
        }
        var size = plan.SizeOf(number);
        if (request.ContentLength is { } declared && declared != size)
        {
            return SizeMismatch(number, size, declared);
        }
        if (!ContentMd5.TryParse(request.Headers["Content-MD5"], out var expectedMd5))
        {
            return ApiProblem.BadRequest(ErrorCodes.InvalidContentMd5, "The Content-MD5 header must be the base64 of the part's 16-byte MD5 digest.");
        }
        using var held = await locks.AcquireAsync(uploadId, number, cancellationToken);
        var start = await uploads.BeginPartWriteAsync(uploadId, number, time.GetUtcNow(), cancellationToken);
        if (!start.MayWrite)
        {
            return NotPending(start.Status ?? UploadStatuses.Failed, upload.ErrorMessage) ?? ApiProblem.NotFound("upload");
        }
        PartWriteResult written;
        try
        {
            written = await partStore.WritePartAsync(
                upload.StorageKey, plan.OffsetOf(number), size, request.BodyReader, withMd5: expectedMd5 is not null, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            return SizeMismatch(number, size, null);
        }
        if (written.Status != PartWriteStatus.Written)
        {
            return SizeMismatch(number, size, written.BytesReceived);
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

    private static ProblemHttpResult? NotPending(string status, string? errorMessage) => status switch
    {
        UploadStatuses.Pending => null,
        UploadStatuses.Failed => ApiProblem.Conflict(ErrorCodes.UploadFailed, $"The upload failed and takes no more parts: {errorMessage} Create a new upload."),
        _ => ApiProblem.Conflict(ErrorCodes.UploadNotPending, $"The upload is {status}: it was completed and takes no more parts."),
    };

    private static ProblemHttpResult SizeMismatch(int number, long expected, long? received) =>
        ApiProblem.BadRequest(ErrorCodes.PartSizeMismatch,
            received is { } got
                ? $"Part {number} must be exactly {expected} bytes; this request carried {got}. The part was not stored: send it again with the right bytes."
                : $"Part {number} must be exactly {expected} bytes; this request carried more. The part was not stored: send it again with the right bytes.");
}
