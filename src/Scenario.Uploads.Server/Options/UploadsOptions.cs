namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Uploads</c> section: part of the operators' contract, keep names stable. Checked by <see cref="UploadsOptionsValidator"/>.</summary>
public sealed class UploadsOptions
{
    public const string Section = "Uploads";

    /// <summary>Embedded mode: the SQLite file, the signing key and the blobs live here. Made absolute (against the current directory) when bound.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Base of the part and download URLs the service signs; from the request when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan PartUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest file an upload may declare.</summary>
    public long MaxFileSize { get; set; } = 1L << 40;

    /// <summary>Base64 HMAC key for signed URLs. Several instances must share one; else a key file in DataDirectory.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How often expired uploads are failed and leftover bytes deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Part PUTs one owner may have in flight on this instance; past it, 429 with Retry-After. Bounds what
    /// slow or stuck clients of one owner can hold (connections, buffers, disk bandwidth).
    /// </summary>
    public int MaxPartsInFlightPerOwner { get; set; } = 128;

    /// <summary>A part body that sends nothing for this long is cut off (408): the client stalled.</summary>
    public TimeSpan PartIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On SIGTERM, how long parts in flight may take to finish (new ones get 503 at once); the process then
    /// stops. A systemd unit's TimeoutStopSec must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a create's <c>Idempotency-Key</c> names the upload it made: a retry within it gets that upload
    /// back instead of a second one (24 h, as Stripe and the IETF draft's examples keep keys).
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Local disk: take each upload's SHA-256 while its parts arrive, so complete → imported does not read the
    /// whole file again. Off: validation reads the stored file once for it (as on S3, where the service never
    /// sees the bytes).
    /// </summary>
    public bool HashWhileReceiving { get; set; } = true;
}
