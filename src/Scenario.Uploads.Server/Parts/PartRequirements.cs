using System.Globalization;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// What a part PUT must satisfy before a byte of it is stored, each a named requirement quoting its rule,
/// checked in this order (as tusdotnet's intent handlers check theirs). The first that fails answers.
/// </summary>
internal sealed class PartRequirements(
    UrlSigner signer,
    IUploadRepository uploads,
    IBlobStore blobs,
    PartsInFlight inFlight,
    IHostApplicationLifetime lifetime,
    IOptions<UploadsOptions> options,
    TimeProvider time)
{
    public IEnumerable<Func<PartWrite, ValueTask<Problem?>>> InOrder =>
    [
        ServiceIsRunning, UrlNamesAPart, UrlIsSigned, UploadExists, PartIsInThePlan, UploadIsPending,
        OwnerHasASlot, LengthIsKnown, LengthFitsThePartSize, ContentMd5IsWellFormed,
    ];

    /// <summary>Ours: on SIGTERM parts in flight finish, new ones go to the next instance (or this one restarted).</summary>
    private ValueTask<Problem?> ServiceIsRunning(PartWrite write) =>
        Answer(lifetime.ApplicationStopping.IsCancellationRequested ? PartProblems.ShuttingDown(null) : null);

    /// <summary>The URL is one the service gave: an upload id and a whole part number.</summary>
    private static ValueTask<Problem?> UrlNamesAPart(PartWrite write)
    {
        if (!Ids.LooksValid(write.Request.UploadId))
        {
            return Answer(PartProblems.NoSuchUpload);
        }
        if (!int.TryParse(write.Request.PartNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Answer(new Problem(ErrorCodes.PartOutOfPlan, "The part number in the URL must be a whole number; use the URLs the service gave you unchanged."));
        }
        write.Number = number;
        return Answer(null);
    }

    /// <summary>Spec: "an expired URL → 403; a tampered URL → 403" (the URL is its own authorisation).</summary>
    private ValueTask<Problem?> UrlIsSigned(PartWrite write) =>
        Answer(signer.VerifyPart(write.Request.UploadId, write.Number, write.Request.Expires, write.Request.Signature, time.GetUtcNow()) switch
        {
            SignatureCheck.Invalid => new Problem(ErrorCodes.InvalidSignature, "The part URL's signature does not match: use the URL exactly as the service gave it."),
            SignatureCheck.Expired => new Problem(ErrorCodes.UrlExpired, "The part URL has expired. Retrieve the upload (GET /v1/uploads/{id}) for fresh part URLs."),
            _ => null,
        });

    /// <summary>A multipart upload whose parts come through the service (on S3 they go to the store).</summary>
    private async ValueTask<Problem?> UploadExists(PartWrite write)
    {
        var upload = await uploads.FindAsync(write.Request.UploadId, write.Request.ClientGone);
        if (upload is not { PartsCount: not null, FileSize: not null } || blobs is not IServicePartStore store)
        {
            return PartProblems.NoSuchUpload;
        }
        (write.Upload, write.Store) = (upload, store);
        return null;
    }

    /// <summary>Parts are numbered 1 to parts.</summary>
    private static ValueTask<Problem?> PartIsInThePlan(PartWrite write) =>
        Answer(write.Number < 1 || write.Number > write.PartsCount
            ? new Problem(ErrorCodes.PartOutOfPlan, $"Part {write.Number} is not in this upload's plan of {write.PartsCount} part(s).")
            : null);

    /// <summary>Spec: "a PUT after complete → 409".</summary>
    private static ValueTask<Problem?> UploadIsPending(PartWrite write) => Answer(PartProblems.NotPending(write.Upload.Status, write.Upload.ErrorMessage));

    /// <summary>Ours: an owner's parts in flight are capped, so its slow clients cannot take everything.</summary>
    private ValueTask<Problem?> OwnerHasASlot(PartWrite write)
    {
        write.Slot = inFlight.TryEnter(write.Upload.OwnerId);
        return Answer(write.Slot is null ? PartProblems.TooManyInFlight(options.Value.MaxPartsInFlightPerOwner) : null);
    }

    /// <summary>
    /// The bytes land at (n-1)·P in the upload's one file, so the part size must be known before they are
    /// written: fixed by an earlier part, or implied by this part's declared length.
    /// </summary>
    private static ValueTask<Problem?> LengthIsKnown(PartWrite write)
    {
        if (write.Request.ContentLength is { } declared)
        {
            write.Length = declared;
            return Answer(null);
        }
        if (write.Upload.Plan is not { } fixedPlan)
        {
            return Answer(new Problem(ErrorCodes.LengthRequired,
                $"This upload's part size is not fixed yet, and part {write.Number} came without a Content-Length header (chunked): "
                + "send it with Content-Length, as every S3 client does, so that the service knows where its bytes go."));
        }
        write.Length = fixedPlan.SizeOf(write.Number);
        return Answer(null);
    }

    /// <summary>Spec: "the first part to arrive fixes P"; a length that contradicts P, or implies none → 400 naming the size.</summary>
    private static ValueTask<Problem?> LengthFitsThePartSize(PartWrite write)
    {
        var implied = write.Upload.Plan is { } known
            ? (write.Length == known.SizeOf(write.Number) ? PartSizeResult.Ok(known.PartSize) : PartProblems.FixedSizeMismatch(known, write.Number))
            : PartPlan.PartSizeFor(write.FileSize, write.PartsCount, write.Number, write.Length);
        if (implied.PartSize is not { } partSize)
        {
            return Answer(PartProblems.SizeMismatch(implied.Error!, write.Length));
        }
        write.PartSize = partSize;
        return Answer(null);
    }

    /// <summary>Ours: an optional Content-MD5 is checked, so it must be one.</summary>
    private static ValueTask<Problem?> ContentMd5IsWellFormed(PartWrite write)
    {
        if (!ContentMd5.TryParse(write.Request.ContentMd5, out var expected))
        {
            return Answer(new Problem(ErrorCodes.InvalidContentMd5, "The Content-MD5 header must be the base64 of the part's 16-byte MD5 digest."));
        }
        write.ExpectedMd5 = expected;
        return Answer(null);
    }

    private static ValueTask<Problem?> Answer(Problem? problem) => ValueTask.FromResult(problem);
}
