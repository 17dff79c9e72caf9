using System.Buffers;
using System.IO.Pipelines;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Appends on local disk: each append writes at its offset in the upload's one file and syncs before it
/// returns, so the file's first bytes up to the recorded offset are always the upload's, whichever instance
/// (on a shared volume) wrote them.
/// </summary>
public sealed partial class LocalDiskBlobStore : IAppendStore
{
    private const int CopyBuffer = 4 * 1024 * 1024;

    public async Task<AppendOutcome> AppendAsync(
        AppendTarget target, long offset, long maxBytes, PipeReader body, AppendedBytes? appended, CancellationToken cancellationToken)
    {
        using var handle = OpenForParts(PathOf(target.Key));
        var writeback = new EarlyWriteback(handle, offset);
        var segments = new List<ReadOnlyMemory<byte>>(64);
        long kept = 0;
        Exception? bodyError = null;
        while (kept < maxBytes)
        {
            ReadResult result;
            try
            {
                result = await body.ReadAtLeastAsync((int)Math.Min(MinimumWrite, maxBytes - kept), cancellationToken);
            }
            // Whatever ends the body (the client gone, its idle timeout, a bad chunk) keeps what arrived before.
            catch (Exception e)
            {
                bodyError = e;
                break;
            }
            var buffer = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, maxBytes - kept));
            try
            {
                if (!buffer.IsEmpty)
                {
                    using var claim = Claim(buffer.Length);
                    segments.Clear();
                    foreach (var segment in buffer)
                    {
                        segments.Add(segment);
                    }
                    // Not the request's token: bytes that arrived are kept even when the client has just gone.
                    await RandomAccess.WriteAsync(handle, segments, offset + kept, CancellationToken.None);
                    foreach (var segment in buffer)
                    {
                        appended?.Invoke(segment.Span);
                    }
                    kept += buffer.Length;
                    writeback.Written(offset + kept);
                }
            }
            finally
            {
                body.AdvanceTo(buffer.End);
            }
            if (result.IsCompleted && buffer.Length == result.Buffer.Length)
            {
                break;
            }
        }
        RandomAccess.FlushToDisk(handle);
        return new AppendOutcome(kept, bodyError);
    }

    public Task AdvancedAsync(AppendTarget target, long from, long to, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FinishAsync(AppendTarget target, long length, CancellationToken cancellationToken)
    {
        // An empty upload never wrote its file; an append whose offset was not recorded may have written past the end.
        using var handle = OpenForParts(PathOf(target.Key));
        if (RandomAccess.GetLength(handle) != length)
        {
            RandomAccess.SetLength(handle, length);
            RandomAccess.FlushToDisk(handle);
        }
        return Task.CompletedTask;
    }

    public async Task<bool> ConcatenateAsync(AppendTarget target, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken)
    {
        using var output = OpenForParts(PathOf(target.Key));
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            long at = 0;
            foreach (var piece in pieces)
            {
                using var input = File.OpenHandle(PathOf(piece.Key), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
                for (long done = 0; done < piece.Length;)
                {
                    var read = await RandomAccess.ReadAsync(input, buffer.AsMemory(0, (int)Math.Min(CopyBuffer, piece.Length - done)), done, cancellationToken);
                    if (read == 0)
                    {
                        throw new InvalidDataException($"The partial upload {piece.Key} has {done} bytes, not {piece.Length}.");
                    }
                    using var claim = Claim(read);
                    await RandomAccess.WriteAsync(output, buffer.AsMemory(0, read), at + done, cancellationToken);
                    copied?.Invoke(buffer.AsSpan(0, read));
                    done += read;
                }
                at += piece.Length;
            }
            RandomAccess.SetLength(output, at);
            RandomAccess.FlushToDisk(output);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
