using System.IO.Pipelines;
using Scenario.Uploads.Model;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Where an upload's bytes live. The core abilities every store has; what only some stores can do
/// (take part bytes through the service, list parts themselves) are separate interfaces.
/// </summary>
public interface IBlobStore
{
    /// <summary>Prepares room for a new upload; returns the store's own upload id (S3) or null.</summary>
    Task<string?> BeginUploadAsync(string key, string? contentType, CancellationToken cancellationToken);

    /// <summary>Makes the parts one object. Must not copy bytes where the store can avoid it.</summary>
    Task CompleteUploadAsync(string key, string? storageUploadId, PartPlan plan, CancellationToken cancellationToken);

    /// <summary>Reads a stored object at any offset, for validation and downloads.</summary>
    Task<IRandomAccessContent> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object and anything left of an unfinished upload; a missing object is not an error.</summary>
    Task DeleteAsync(string key, string? storageUploadId, CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>A store that receives part bytes through the service (local disk).</summary>
public interface IServicePartStore
{
    /// <summary>
    /// Streams exactly <paramref name="length"/> bytes of <paramref name="body"/> into the object at
    /// <paramref name="offset"/>, computing their XXH128 (and their MD5 when <paramref name="withMd5"/>) on
    /// the way, and flushes them to stable storage before returning.
    /// </summary>
    Task<PartWriteResult> WritePartAsync(string key, long offset, long length, PipeReader body, bool withMd5, CancellationToken cancellationToken);
}

/// <summary>A store that can take a whole object as one stream of unknown length (imports).</summary>
public interface IWholeObjectStore
{
    /// <summary>
    /// Streams <paramref name="body"/> to its end into the object at <paramref name="key"/>, replacing any
    /// earlier object or leftover of an interrupted write, and makes it durable before returning. The
    /// object appears whole or not at all. Returns the number of bytes written.
    /// </summary>
    Task<long> WriteObjectAsync(string key, Stream body, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of a part write: once written, <paramref name="Xxh128"/> is the digest of its bytes, and
/// <paramref name="Md5"/> too when it was asked for.
/// </summary>
public sealed record PartWriteResult(PartWriteStatus Status, long BytesReceived, byte[]? Xxh128 = null, byte[]? Md5 = null);

public enum PartWriteStatus
{
    Written,
    /// <summary>The body ended before the planned length.</summary>
    TooShort,
    /// <summary>The body went on past the planned length.</summary>
    TooLong,
}

/// <summary>Signs the URL a client PUTs one part to.</summary>
public interface IPartUrlSigner
{
    /// <summary>
    /// The absolute URL of one part. <paramref name="publicBaseUrl"/> is the service's absolute base URL
    /// ending in <c>/</c>. Strings rather than <see cref="Uri"/>: a retrieve signs up to 10,000 of these.
    /// </summary>
    string SignPartUrl(UploadRecord upload, int partNumber, DateTimeOffset expires, string publicBaseUrl);
}
