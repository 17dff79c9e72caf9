using System.IO.Pipelines;

namespace Scenario.Uploads.Storage;

/// <summary>
/// A store that takes an upload's bytes in order, in appends of any size, as the resumable protocols send
/// them (tus, RUFH); the offset an append starts at is the caller's (kept in the database), so any instance
/// continues an upload any other began. <see cref="IBlobStore.DeleteAsync"/> deletes what unfinished appends left.
/// </summary>
public interface IAppendStore
{
    /// <summary>
    /// Stores up to <paramref name="maxBytes"/> of <paramref name="body"/> after the first <paramref name="offset"/>
    /// bytes of the upload, durably, handing each byte to <paramref name="appended"/> in order once it is sure to
    /// be kept. A body that ends early or breaks (the client went away) keeps what arrived: the outcome says how
    /// much, and why the body ended. Bytes past what the caller then records as the offset are overwritten by the
    /// next append. A failure of the store itself is thrown.
    /// </summary>
    Task<AppendOutcome> AppendAsync(AppendTarget target, long offset, long maxBytes, PipeReader body, AppendedBytes? appended, CancellationToken cancellationToken);

    /// <summary>The caller recorded the offset <paramref name="to"/>: what the store kept for <paramref name="from"/> is no longer needed.</summary>
    Task AdvancedAsync(AppendTarget target, long from, long to, CancellationToken cancellationToken);

    /// <summary>All <paramref name="length"/> bytes are in: makes them the object at the target's key.</summary>
    Task FinishAsync(AppendTarget target, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object at <paramref name="target"/>'s key the finished objects <paramref name="pieces"/> end to end,
    /// without reading them through the service where the store can avoid it; the pieces' objects may be gone
    /// afterwards (the caller deletes them anyway). Returns whether the bytes passed through the service, each
    /// handed to <paramref name="copied"/> in order; false when the store copied them itself.
    /// </summary>
    Task<bool> ConcatenateAsync(AppendTarget target, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken);
}

/// <summary>Bytes an append keeps, in the order of the upload.</summary>
public delegate void AppendedBytes(ReadOnlySpan<byte> bytes);

/// <summary>Where an upload's appended bytes go: its object, the store's upload id, and the size of the store's parts.</summary>
public sealed record AppendTarget(string Key, string? StorageUploadId, long PartSize);

/// <summary>A finished object and its length.</summary>
public sealed record StoredPiece(string Key, long Length);

/// <summary>How many bytes an append kept, and the error the body ended with, if it broke.</summary>
public sealed record AppendOutcome(long Kept, Exception? BodyError);
