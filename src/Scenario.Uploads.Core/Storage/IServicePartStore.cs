using System.IO.Pipelines;

namespace Scenario.Uploads.Storage;

/// <summary>A store that receives part bytes through the service (local disk).</summary>
public interface IServicePartStore
{
    /// <summary>
    /// Streams exactly <paramref name="length"/> bytes of <paramref name="body"/> into the object at
    /// <paramref name="offset"/>, computing their XXH128 (and their MD5 when <paramref name="withMd5"/>) on
    /// the way, and flushes them to stable storage before returning. <paramref name="written"/> hears how many
    /// of the part's bytes are in the object (readable, not yet durable) after each write.
    /// </summary>
    Task<PartWriteResult> WritePartAsync(string key, long offset, long length, PipeReader body, bool withMd5, IProgress<long>? written, CancellationToken cancellationToken);
}
