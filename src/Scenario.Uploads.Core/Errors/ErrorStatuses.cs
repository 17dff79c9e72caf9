using static Scenario.Uploads.Errors.ErrorCodes;

namespace Scenario.Uploads.Errors;

/// <summary>
/// The HTTP status of every error code: one table, which the README's error table is tested against. A code
/// never changes its status (clients switch on both).
/// </summary>
public static class ErrorStatuses
{
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        [InvalidJson] = 400, [InvalidField] = 400, [MissingField] = 400, [MissingMode] = 400, [ConflictingModes] = 400,
        [InvalidKind] = 400, [InvalidFileSize] = 400, [FileTooLarge] = 400, [PartsOutOfRange] = 400, [InvalidPartPlan] = 400,
        [AssetOptionsNotAllowed] = 400, [InvalidUrl] = 400, [UrlCredentialsNotAllowed] = 400, [InvalidModelName] = 400,
        [InvalidAction] = 400, [PartsMissing] = 400, [PartOutOfPlan] = 400, [PartSizeMismatch] = 400,
        [InvalidContentMd5] = 400, [BadDigest] = 400, [InvalidPageSize] = 400, [InvalidPaginationToken] = 400, [BadRequest] = 400,
        [InvalidIdempotencyKey] = 400, [InvalidUploadHeader] = 400,
        [Unauthorized] = 401,
        [InvalidSignature] = 403, [UrlExpired] = 403, [CrossSiteRequest] = 403,
        // 403, not 413 (this request's body is small), 409 (clients retry a conflict) or 507 (the server's own
        // disk): the account's state forbids it, and only the client (aborting, deleting) or the operator changes that.
        [QuotaExceeded] = 403,
        // tus 1.0.0, concatenation: "The Server MUST respond with the 403 Forbidden status to PATCH requests against a final upload URL".
        [UploadIsFinal] = 403,
        [NotFound] = 404,
        [PartStalled] = 408,
        [UploadFailed] = 409, [UploadNotPending] = 409, [UploadProcessing] = 409, [IdempotencyKeyReused] = 409,
        [UploadOffsetMismatch] = 409, [UploadIsResumable] = 409,
        [UploadGone] = 410,
        [LengthRequired] = 411,
        [TusVersionUnsupported] = 412,
        [BodyTooLarge] = 413, [UploadTooLarge] = 413,
        [UnsupportedMediaType] = 415,
        [RangeNotSatisfiable] = 416,
        [UploadLocked] = 423,
        [TooManyPartsInFlight] = 429, [RateLimited] = 429,
        // tus's own status for a checksum the bytes do not have (tus 1.0.0, checksum extension).
        [ChecksumMismatch] = 460,
        [InternalError] = 500,
        [ShuttingDown] = 503, [DatabaseUnavailable] = 503, [StorageUnavailable] = 503,
        [InsufficientStorage] = 507,
    };

    /// <summary>The codes of the service's own passing events, and when to try again (Retry-After, in seconds).</summary>
    private static readonly Dictionary<string, int> RetryAfter = new(StringComparer.Ordinal)
    {
        [TooManyPartsInFlight] = 1, [UploadLocked] = 1, [ShuttingDown] = 5, [InsufficientStorage] = 60,
        // Long enough that the SDK's default two retries span a database restart of several seconds.
        [DatabaseUnavailable] = 5, [StorageUnavailable] = 5,
    };

    public static int? RetryAfterSeconds(string code) => RetryAfter.TryGetValue(code, out var seconds) ? seconds : null;

    /// <summary>Every code and its status, for the documentation test.</summary>
    public static IReadOnlyDictionary<string, int> All => Statuses;

    public static int Of(string code) =>
        Statuses.TryGetValue(code, out var status) ? status : throw new ArgumentException($"No status is set for error code '{code}'.", nameof(code));
}
