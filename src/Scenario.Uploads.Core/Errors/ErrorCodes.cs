namespace Scenario.Uploads.Errors;

/// <summary>The stable, machine-readable <c>code</c> of every problem+json answer. Clients switch on these: never rename one.</summary>
public static class ErrorCodes
{
    public const string InvalidJson = "invalid_json";
    public const string BodyTooLarge = "body_too_large";
    public const string InvalidField = "invalid_field";
    public const string MissingField = "missing_field";
    public const string MissingMode = "missing_mode";
    public const string ConflictingModes = "conflicting_modes";
    public const string InvalidKind = "invalid_kind";
    public const string InvalidFileSize = "invalid_file_size";
    public const string FileTooLarge = "file_too_large";
    public const string InsufficientStorage = "insufficient_storage";
    public const string PartsOutOfRange = "parts_out_of_range";
    public const string InvalidPartPlan = "invalid_part_plan";
    public const string AssetOptionsNotAllowed = "asset_options_not_allowed";
    public const string InvalidUrl = "invalid_url";
    public const string InvalidModelName = "invalid_model_name";
    /// <summary>An import URL with <c>user:password@</c>: credentials would be stored and sent on redirects.</summary>
    public const string UrlCredentialsNotAllowed = "url_credentials_not_allowed";
    public const string InvalidAction = "invalid_action";
    public const string NotFound = "not_found";
    public const string UploadFailed = "upload_failed";
    public const string UploadNotPending = "upload_not_pending";
    public const string UploadProcessing = "upload_processing";
    public const string PartsMissing = "parts_missing";
    public const string PartOutOfPlan = "part_out_of_plan";
    public const string PartSizeMismatch = "part_size_mismatch";
    /// <summary>A part sent without Content-Length while the upload's part size is not fixed yet (411).</summary>
    public const string LengthRequired = "length_required";
    /// <summary>A part body that sent nothing for the idle timeout (408): the client stalled.</summary>
    public const string PartStalled = "part_stalled";
    /// <summary>One owner has as many part PUTs in flight as the instance allows (429).</summary>
    public const string TooManyPartsInFlight = "too_many_parts_in_flight";
    /// <summary>A rate limit (per owner, or failed authentications per client address) is used up for now (429).</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>The instance is stopping: the request was not handled, send it again (503).</summary>
    public const string ShuttingDown = "shutting_down";
    /// <summary>The database is unreachable, restarting or too slow: nothing was changed unless the answer says so; send it again (503).</summary>
    public const string DatabaseUnavailable = "database_unavailable";
    /// <summary>The object store is unreachable, throttling or too slow; send the request again (503).</summary>
    public const string StorageUnavailable = "storage_unavailable";
    public const string InvalidContentMd5 = "invalid_content_md5";
    public const string BadDigest = "bad_digest";
    public const string UrlExpired = "url_expired";
    public const string InvalidSignature = "invalid_signature";
    /// <summary>A state-changing API request that a browser says comes from another site's page.</summary>
    public const string CrossSiteRequest = "cross_site_request";
    public const string Unauthorized = "unauthorized";
    /// <summary>The request would take the owner past a quota (403): which one, its limit and the usage are in the answer.</summary>
    public const string QuotaExceeded = "quota_exceeded";
    public const string InvalidPageSize = "invalid_page_size";
    public const string InvalidPaginationToken = "invalid_pagination_token";
    /// <summary>A download's Range asks for bytes the file does not have (416).</summary>
    public const string RangeNotSatisfiable = "range_not_satisfiable";
    /// <summary>An <c>Idempotency-Key</c> header that is empty, too long or not printable ASCII.</summary>
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";
    /// <summary>An <c>Idempotency-Key</c> already used, within its lifetime, by a create with another body.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    /// <summary>A tus request without <c>Tus-Resumable: 1.0.0</c>.</summary>
    public const string TusVersionUnsupported = "tus_version_unsupported";
    /// <summary>A tus or RUFH header the protocol defines, with a value it does not allow.</summary>
    public const string InvalidUploadHeader = "invalid_upload_header";
    /// <summary>An append whose <c>Upload-Offset</c> is not the upload's offset.</summary>
    public const string UploadOffsetMismatch = "upload_offset_mismatch";
    /// <summary>Another append to the upload is in progress (on any instance).</summary>
    public const string UploadLocked = "upload_locked";
    /// <summary>A tus <c>Upload-Checksum</c> that the appended bytes do not have; they are not kept.</summary>
    public const string ChecksumMismatch = "checksum_mismatch";
    /// <summary>An append's bytes past the upload's length, or a length past the service's maximum.</summary>
    public const string UploadTooLarge = "upload_too_large";
    /// <summary>An append whose Content-Type is not the protocol's.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>An upload the client terminated, or that failed or expired: nothing more can be appended.</summary>
    public const string UploadGone = "upload_gone";
    /// <summary>An append to a tus final upload, which is made of its partial uploads and takes no bytes of its own.</summary>
    public const string UploadIsFinal = "upload_is_final";
    /// <summary>A part PUT or complete action on an upload whose bytes arrive through tus or RUFH.</summary>
    public const string UploadIsResumable = "upload_is_resumable";
    public const string BadRequest = "bad_request";
    public const string InternalError = "internal_error";
}
