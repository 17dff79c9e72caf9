using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;

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
        using var reader = new AppendBody(body, maxBytes, cancellationToken);
        long kept = 0;
        while (await reader.NextAsync() is { } bytes)
        {
            try
            {
                if (!bytes.IsEmpty)
                {
                    using var claim = Claim(bytes.Length);
                    segments.Clear();
                    foreach (var segment in bytes)
                    {
                        segments.Add(segment);
                    }
                    // Not the request's token: bytes that arrived are kept even when the client has just gone.
                    await RandomAccess.WriteAsync(handle, segments, offset + kept, CancellationToken.None);
                    foreach (var segment in bytes)
                    {
                        appended?.Invoke(segment.Span);
                    }
                    kept += bytes.Length;
                    writeback.Written(offset + kept);
                }
            }
            finally
            {
                // Also when the write fails (a full disk): a read left open makes the next reader of the body fail.
                reader.Consumed();
            }
        }
        RandomAccess.FlushToDisk(handle);
        return new AppendOutcome(kept, reader.Error);
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

    /// <summary>
    /// The first piece's file becomes the object: the other pieces are copied after its bytes, inside the kernel
    /// where it can (<see cref="KernelCopy"/>), then it is renamed into place, so the first piece is never copied
    /// (with four pieces, a quarter of the bytes). Until the rename the first piece is intact (bytes past its length
    /// mean nothing); after it the piece is gone and the caller forgets it. Meanwhile the pieces are read once, in
    /// order, for <paramref name="copied"/> (the upload's SHA-256), side by side with the copy.
    /// </summary>
    public async Task<bool> ConcatenateAsync(AppendTarget target, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken)
    {
        var inputs = pieces.Select(OpenPiece).ToList();
        try
        {
            using var claim = Claim(pieces.Skip(1).Sum(p => p.Length));
            var reading = copied is null ? Task.CompletedTask : Task.Run(() => ReadInOrderAsync(inputs, pieces, copied, cancellationToken), cancellationToken);
            try
            {
                await AppendPiecesAsync(PathOf(pieces[0].Key), inputs, pieces, cancellationToken);
            }
            finally
            {
                // Never leave the reader running on handles about to be closed.
                await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            await reading;
            var path = PathOf(target.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(PathOf(pieces[0].Key), path, overwrite: true);
            return true;
        }
        finally
        {
            inputs.ForEach(i => i.Dispose());
        }
    }

    private static async Task AppendPiecesAsync(string firstPath, List<SafeFileHandle> inputs, IReadOnlyList<StoredPiece> pieces, CancellationToken cancellationToken)
    {
        using var output = File.OpenHandle(firstPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, FileOptions.Asynchronous);
        var at = pieces[0].Length;
        for (var i = 1; i < pieces.Count; i++)
        {
            if (!KernelCopy.TryCopy(inputs[i], output, at, pieces[i].Length))
            {
                await CopyThroughProcessAsync(inputs[i], output, at, pieces[i].Length, cancellationToken);
            }
            at += pieces[i].Length;
        }
        RandomAccess.SetLength(output, at);
        RandomAccess.FlushToDisk(output);
    }

    private static async Task ReadInOrderAsync(List<SafeFileHandle> inputs, IReadOnlyList<StoredPiece> pieces, AppendedBytes copied, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            for (var i = 0; i < pieces.Count; i++)
            {
                for (long done = 0; done < pieces[i].Length;)
                {
                    var read = await RandomAccess.ReadAsync(inputs[i], buffer.AsMemory(0, (int)Math.Min(CopyBuffer, pieces[i].Length - done)), done, cancellationToken);
                    if (read == 0)
                    {
                        throw new InvalidDataException($"The partial upload {pieces[i].Key} has {done} bytes, not {pieces[i].Length}.");
                    }
                    copied(buffer.AsSpan(0, read));
                    done += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CopyThroughProcessAsync(SafeFileHandle input, SafeFileHandle output, long at, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            for (long done = 0; done < length;)
            {
                var read = await RandomAccess.ReadAsync(input, buffer.AsMemory(0, (int)Math.Min(CopyBuffer, length - done)), done, cancellationToken);
                if (read == 0)
                {
                    throw new InvalidDataException($"A partial upload has {done} bytes, not {length}.");
                }
                await RandomAccess.WriteAsync(output, buffer.AsMemory(0, read), at + done, cancellationToken);
                done += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A piece's file (a piece of no bytes never wrote one); a piece whose file is gone is no piece to join.</summary>
    private SafeFileHandle OpenPiece(StoredPiece piece) =>
        File.OpenHandle(PathOf(piece.Key), piece.Length == 0 ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
}
