using System.Buffers;
using System.IO.Hashing;
using Scenario.Uploads.Storage;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Server.Hashing;

/// <summary>
/// Reads stretches of an upload's stored file back (from the page cache, still, as a rule) into a SHA-256,
/// and into the XXH128 of the part each stretch belongs to. Holds the file and a pooled buffer only while
/// there is something to read: <see cref="ReleaseAsync"/> lets go of both while the hash waits for writers.
/// </summary>
internal sealed class FileHasher(IBlobStore blobs, string storageKey, long partSize) : IAsyncDisposable
{
    /// <summary>Large reads: one thread-pool hop and one pread per 4 MiB (a copy out of the page cache).</summary>
    public const int ReadSize = 4 * 1024 * 1024;

    private readonly XxHash128 _partDigest = new();
    private (int Part, int Epoch) _digestOf = (0, -1);
    private IRandomAccessContent? _content;
    private byte[]? _buffer;

    /// <summary>
    /// Appends the bytes of <paramref name="read"/> to <paramref name="state"/> and to its part's XXH128;
    /// false, with nothing appended, when the file ends before them (the part is being written again).
    /// </summary>
    public async Task<bool> HashAsync(PrefixRead read, Sha256State state, CancellationToken cancellationToken)
    {
        if (_digestOf != (read.Part, read.Epoch) || read.InPart == 0)
        {
            _partDigest.Reset();
            _digestOf = (read.Part, read.Epoch);
        }
        if (read.Length == 0)
        {
            // Only bytes need the file: an empty file's one part may have no file yet.
            return true;
        }
        _content ??= await blobs.OpenReadAsync(storageKey, cancellationToken);
        _buffer ??= ArrayPool<byte>.Shared.Rent((int)Math.Min(ReadSize, partSize));
        var got = 0;
        while (got < read.Length)
        {
            var n = await _content.ReadAtAsync(read.Offset + got, _buffer.AsMemory(got, read.Length - got), cancellationToken);
            if (n == 0)
            {
                return false;
            }
            got += n;
        }
        var bytes = _buffer.AsSpan(0, got);
        state.Append(bytes);
        _partDigest.Append(bytes);
        return true;
    }

    /// <summary>The XXH128 of the part just hashed whole; the next read starts a new one.</summary>
    public byte[] TakePartDigest()
    {
        _digestOf = (0, -1);
        return _partDigest.GetHashAndReset();
    }

    /// <summary>
    /// Lets go of the file and the buffer (reopened by the next read): an upload may pause for hours, and
    /// thousands of small ones may be pending at once.
    /// </summary>
    public async ValueTask ReleaseAsync()
    {
        if (_content is not null)
        {
            await _content.DisposeAsync();
            _content = null;
        }
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
