using static Scenario.Uploads.Errors.ErrorCodes;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>How a caller proves it may call an operation.</summary>
public enum Access
{
    /// <summary>HTTP Basic with an API key and secret.</summary>
    ApiKey,

    /// <summary>The <c>expires</c> and <c>signature</c> of a URL the service handed out: no credentials.</summary>
    SignedUrl,

    None,
}

/// <summary>What the document says of one operation besides what the endpoint's types already say.</summary>
/// <param name="Problems">
/// Every <c>code</c> the operation can answer with, besides <c>internal_error</c> and, for
/// <see cref="Access.ApiKey"/>, <c>unauthorized</c>: their statuses come from <c>ErrorStatuses</c>. The drift
/// test fails when an answer carries a code not listed here.
/// </param>
public sealed record OperationDoc(string Tag, string Summary, string Description, Access Access, params string[] Problems);

/// <summary>The words of the document, one entry per operation (keyed by <see cref="OperationIds"/>).</summary>
public static class OperationDocs
{
    public const string Uploads = "Uploads";
    public const string Entities = "Assets, models and jobs";
    public const string Health = "Health";
    public const string Resumable = "Resumable uploads (tus 1.0, IETF RUFH)";

    private static readonly string[] JsonBody = [InvalidJson, InvalidField, BodyTooLarge, BadRequest, CrossSiteRequest];

    /// <summary>What any tus or RUFH request to an upload may be refused for.</summary>
    private static readonly string[] Resumed = [TusVersionUnsupported, InvalidUploadHeader, NotFound, UploadGone];

    /// <summary>What a request that carries bytes may end with, besides its protocol's refusals.</summary>
    private static readonly string[] Appending =
        [UnsupportedMediaType, UploadTooLarge, UploadLocked, PartStalled, BadRequest, ShuttingDown, InsufficientStorage, QuotaExceeded, CrossSiteRequest];

    private const string ResumableNote = " tus 1.0.0 when the request carries `Tus-Resumable: 1.0.0`; the IETF resumable-upload draft "
        + "(interop versions 3 to 9) when it carries `Upload-Draft-Interop-Version`. The upload is the API's: "
        + "`GET /v1/uploads/{uploadId}` shows it, and its last byte completes it (validation and import follow).";

    public static readonly IReadOnlyDictionary<string, OperationDoc> All = new Dictionary<string, OperationDoc>
    {
        [OperationIds.CreateUpload] = new(Uploads, "Create an upload",
            "Create a temporary upload URL for a file. Support multipart uploads. Return a list of URLs for each part of the file. "
            + "A multipart upload names `fileName`, `contentType`, `fileSize`, `parts` and `kind`; an import names one of `url` (with `kind`), "
            + "`huggingFaceModelName` or `civitaiModelUrl`, and is downloaded in the background.",
            Access.ApiKey,
            [.. JsonBody, MissingField, MissingMode, ConflictingModes, InvalidKind, InvalidFileSize, FileTooLarge, PartsOutOfRange,
                InvalidPartPlan, AssetOptionsNotAllowed, InvalidUrl, UrlCredentialsNotAllowed, InvalidModelName, InsufficientStorage,
                InvalidIdempotencyKey, IdempotencyKeyReused, QuotaExceeded]),
        [OperationIds.ListUploads] = new(Uploads, "List uploads",
            "Our extension: the caller's uploads, newest first, without part URLs. `nextPaginationToken` is on every page but the last.",
            Access.ApiKey, InvalidPageSize, InvalidPaginationToken),
        [OperationIds.RetrieveUpload] = new(Uploads, "Retrieve an upload",
            "Get the details of an existing upload. While it is `pending`, every part has a freshly signed URL and says whether it is held.",
            Access.ApiKey, NotFound),
        [OperationIds.TriggerUploadAction] = new(Uploads, "Trigger an action on an upload",
            "`complete` (or `upload-complete`) once every part is uploaded: the upload moves to `validating` and is validated and imported "
            + "in the background. `complete` is idempotent: sent again (after a timeout, say) on an upload past `pending`, it answers "
            + "200 with the upload as it stands and changes nothing; only on a `failed` upload is it `409 upload_failed`. "
            + "`abort` (our extension) gives a pending upload up.",
            Access.ApiKey, [.. JsonBody, InvalidAction, NotFound, PartsMissing, UploadFailed, UploadProcessing, UploadIsResumable, QuotaExceeded, InsufficientStorage]),
        [OperationIds.PutUploadPart] = new(Uploads, "Upload a part",
            "The raw bytes of one part, PUT to the `parts[].url` the service gave, with no API credentials; any order, in parallel, "
            + "again (the last one wins). The first part to arrive fixes the part size. Answers the part's `ETag` (`xxh128-…`).",
            Access.SignedUrl,
            PartOutOfPlan, PartSizeMismatch, InvalidContentMd5, BadDigest, BadRequest, InvalidSignature, UrlExpired, NotFound, PartStalled,
            UploadFailed, UploadNotPending, UploadIsResumable, LengthRequired, TooManyPartsInFlight, ShuttingDown, InsufficientStorage),
        [OperationIds.RetrieveAsset] = new(Entities, "Retrieve an asset",
            "The asset an upload became, with a signed download URL that accepts `Range`.", Access.ApiKey, NotFound),
        [OperationIds.RetrieveModel] = new(Entities, "Retrieve a model",
            "The model an upload of kind `model` became, with a signed download URL that accepts `Range`.", Access.ApiKey, NotFound),
        [OperationIds.RetrieveJob] = new(Entities, "Retrieve a job",
            "The validation or import job of an upload. A finished job's `metadata` has `input.uploadId`, `output.entityId` and `output.sha256`.",
            Access.ApiKey, NotFound),
        [OperationIds.DownloadFile] = new(Entities, "Download a file",
            "The stored bytes of an asset or a model, at the `url` the service gave; supports `Range`.",
            Access.SignedUrl, InvalidSignature, UrlExpired, NotFound, RangeNotSatisfiable),
        [OperationIds.DescribeResumable] = new(Resumable, "Discover the resumable protocols",
            "tus's `Tus-Version`, `Tus-Extension`, `Tus-Max-Size` and `Tus-Checksum-Algorithm`, and RUFH's `Upload-Limit`. No credentials needed.",
            Access.None),
        [OperationIds.CreateResumable] = new(Resumable, "Create a resumable upload",
            "tus creation (with `Upload-Length` or `Upload-Defer-Length: 1`, `Upload-Metadata` keys `filename`/`name`, `filetype`/`type`, "
            + "`kind`, `collectionIds`, `parentId`, `hide`; the first bytes in the body; `Upload-Concat: partial` or `final;<urls>`), "
            + "or RUFH creation (`Upload-Complete`, the body the file or its start). Answers 201 with `Location`." + ResumableNote,
            Access.ApiKey, [.. Resumed, .. Appending, InvalidKind, InvalidField, AssetOptionsNotAllowed]),
        [OperationIds.RetrieveResumableOffset] = new(Resumable, "Retrieve the offset of a resumable upload",
            "HEAD (or GET, which RUFH's interop version 9 allows): `Upload-Offset` (the bytes the service holds, durably), `Upload-Length` when "
            + "known, and RUFH's `Upload-Complete` and `Upload-Limit`." + ResumableNote,
            Access.ApiKey, Resumed),
        [OperationIds.AppendResumable] = new(Resumable, "Append to a resumable upload",
            "The bytes after `Upload-Offset` (tus: `application/offset+octet-stream`, optional `Upload-Checksum` in sha1, md5 or sha256; "
            + "RUFH: `application/partial-upload` and `Upload-Complete`). One append at a time per upload, across instances (423 otherwise); "
            + "an append cut short keeps the bytes that arrived." + ResumableNote,
            Access.ApiKey, [.. Resumed, .. Appending, UploadOffsetMismatch, ChecksumMismatch, UploadIsFinal]),
        [OperationIds.TerminateResumable] = new(Resumable, "Terminate a resumable upload",
            "tus termination or RUFH cancellation: the upload is aborted and its bytes deleted." + ResumableNote,
            Access.ApiKey, [.. Resumed, UploadProcessing, CrossSiteRequest]),
        [OperationIds.Liveness] = new(Health, "Liveness", "The process answers.", Access.None),
        [OperationIds.Readiness] = new(Health, "Readiness", "The database and the storage answer too; 503 when they do not.", Access.None),
    };
}
