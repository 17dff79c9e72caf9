namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// The <c>Storage:S3</c> section: part of the operators' contract, keep names stable. Bound by
/// <see cref="S3Registration.AddS3BlobStore"/>; the service checks the values at start
/// (Scenario.Uploads.Server's S3StoreOptionsValidator), naming the key in its message.
/// </summary>
public sealed class S3StoreOptions
{
    public const string Section = "Storage:S3";

    public const int MinReadChunkSize = 64 * 1024;

    public const int MaxReadChunkSize = 256 * 1024 * 1024;

    /// <summary>The endpoint (MinIO, Ceph, R2, …); empty for AWS itself, chosen by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Required.</summary>
    public string Bucket { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Empty: the AWS SDK's default credential chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style URLs (<c>host/bucket/key</c>), which most self-hosted stores need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// <c>WhenRequired</c> (default) sends checksums only where S3 demands them, which stores that predate the
    /// AWS SDK's default CRC32 checksums (Ceph 16, older MinIO) need; <c>WhenSupported</c> is the SDK's default.
    /// </summary>
    public string ChecksumMode { get; set; } = "WhenRequired";

    /// <summary>Create the bucket on start when it does not exist.</summary>
    public bool CreateBucket { get; set; } = true;

    /// <summary>
    /// How long one request to the store may take until its answer's headers arrive (up to 10 min): past it, and
    /// past <see cref="MaxRetries"/> more tries, the service answers 503 <c>storage_unavailable</c>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many more times the S3 client tries a request that failed in a way it may try again (0 to 10).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Bytes fetched per ranged GET when reading an object back (64 KiB to 256 MiB); one more range is read ahead.</summary>
    public int ReadChunkSize { get; set; } = 8 * 1024 * 1024;
}
