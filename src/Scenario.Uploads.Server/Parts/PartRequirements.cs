using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Requests;
using Scenario.Uploads.Server.Signing;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// What a part PUT must satisfy before a byte of it is stored, each a named requirement quoting its rule
/// (as tusdotnet's intent handlers check theirs). Each only reads the parsed request or the write and returns
/// a refusal or null: none changes anything, so their order decides only which refusal answers first.
/// </summary>
internal sealed class PartRequirements(UrlSigner signer, IHostApplicationLifetime lifetime, TimeProvider time)
{
    /// <summary>What the URL alone must satisfy, before the upload is looked up.</summary>
    public Problem? OfTheUrl(PartTarget target) => ServiceIsRunning() ?? UrlNamesAPart(target) ?? UrlIsSigned(target);

    /// <summary>What the upload must satisfy, before the owner's slot is taken.</summary>
    public static Problem? OfTheUpload(PartWrite write) => UploadTakesParts(write) ?? PartIsInThePlan(write) ?? UploadIsPending(write);

    /// <summary>Ours: an upload that tus or RUFH fills takes its bytes there, in order, not as parts.</summary>
    private static Problem? UploadTakesParts(PartWrite write) =>
        write.Upload.Protocol is { } protocol ? Uploads.UploadActions.Resumable(protocol) : null;

    /// <summary>What the body's headers must satisfy, once the slot is held.</summary>
    public static Problem? OfTheBody(PartWrite write) => LengthIsKnown(write) ?? LengthFitsThePartSize(write) ?? ContentMd5IsWellFormed(write);

    /// <summary>Ours: on SIGTERM parts in flight finish, new ones go to the next instance (or this one restarted).</summary>
    private Problem? ServiceIsRunning() => lifetime.ApplicationStopping.IsCancellationRequested ? PartProblems.ShuttingDown(null) : null;

    /// <summary>The URL is one the service gave: an upload id and a whole part number.</summary>
    private static Problem? UrlNamesAPart(PartTarget target) =>
        !Ids.LooksValid(target.UploadId) ? PartProblems.NoSuchUpload
        : target.Number is null ? new Problem(ErrorCodes.PartOutOfPlan, "The part number in the URL must be a whole number; use the URLs the service gave you unchanged.")
        : null;

    /// <summary>Spec: "an expired URL → 403; a tampered URL → 403" (the URL is its own authorisation).</summary>
    private Problem? UrlIsSigned(PartTarget target) =>
        signer.VerifyPart(target.UploadId, target.Number!.Value, target.Request.Expires, target.Request.Signature, time.GetUtcNow()) switch
        {
            SignatureCheck.Invalid => new Problem(ErrorCodes.InvalidSignature, "The part URL's signature does not match: use the URL exactly as the service gave it."),
            SignatureCheck.Expired => new Problem(ErrorCodes.UrlExpired, "The part URL has expired. Retrieve the upload (GET /v1/uploads/{id}) for fresh part URLs."),
            _ => null,
        };

    /// <summary>Parts are numbered 1 to parts.</summary>
    private static Problem? PartIsInThePlan(PartWrite write) =>
        write.Number < 1 || write.Number > write.PartsCount
            ? new Problem(ErrorCodes.PartOutOfPlan, $"Part {write.Number} is not in this upload's plan of {write.PartsCount} part(s).")
            : null;

    /// <summary>Spec: "a PUT after complete → 409".</summary>
    private static Problem? UploadIsPending(PartWrite write) => PartProblems.NotPending(write.Upload.Status, write.Upload.ErrorMessage);

    /// <summary>
    /// The bytes land at (n-1)·P in the upload's one file, so the part size must be known before they are
    /// written: fixed by an earlier part, or implied by this part's declared length.
    /// </summary>
    private static Problem? LengthIsKnown(PartWrite write) =>
        write.Length is null
            ? new Problem(ErrorCodes.LengthRequired,
                $"This upload's part size is not fixed yet, and part {write.Number} came without a Content-Length header (chunked): "
                + "send it with Content-Length, as every S3 client does, so that the service knows where its bytes go.")
            : null;

    /// <summary>Spec: "the first part to arrive fixes P"; a length that contradicts P, or implies none → 400 naming the size.</summary>
    private static Problem? LengthFitsThePartSize(PartWrite write) =>
        write.ImpliedPartSize() is { PartSize: null, Error: var rule } ? PartProblems.SizeMismatch(rule!, write.Length) : null;

    /// <summary>Ours: an optional Content-MD5 is checked, so it must be one.</summary>
    private static Problem? ContentMd5IsWellFormed(PartWrite write) =>
        write.Target.ContentMd5IsValid
            ? null
            : new Problem(ErrorCodes.InvalidContentMd5, "The Content-MD5 header must be the base64 of the part's 16-byte MD5 digest.");
}
