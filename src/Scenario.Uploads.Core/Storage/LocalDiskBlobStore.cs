using System.Buffers;
using System.IO.Hashing;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Scenario.Uploads.Model;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Blobs as files under one folder. Every part of an upload is written straight into its place in one
/// sparse file, so complete costs nothing and nothing is ever copied.
/// </summary>
public sealed partial class LocalDiskBlobStore : IBlobStore, IServicePartStore, IWholeObjectStore, ILeftoverSweeper
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>
    /// A quarter of the service's 4 MiB read-ahead (<c>BulkReceive.ReadAhead</c>), so a read never waits on a
    /// pipe that is paused; 1 MiB writes are what nginx makes, and smaller ones cost more system calls per byte.
    /// </summary>
    private const int MinimumWrite = 1024 * 1024;
    private readonly string _root;
    private readonly DiskReserve? _reserve;

    /// <param name="root">The folder the blobs live in.</param>
    /// <param name="reserve">The space user bytes must leave free on its disk; none when null.</param>
    public LocalDiskBlobStore(string root, DiskReserve? reserve = null)
    {
        _root = Path.GetFullPath(root);
        _reserve = reserve;
        Directory.CreateDirectory(_root);
    }

    /// <summary>Keys are made by the service (<c>uploads/upload_…</c>), never from user input; this guards anyway.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Storage key '{key}' leaves the storage folder.", nameof(key));
        }
        return path;
    }

    public Task<string?> BeginUploadAsync(string key, string? contentType, CancellationToken cancellationToken)
    {
        // The file itself is made by the first part written: creating it here cost more than the rest of
        // create (inode allocation dominated a profile), and a part written at its offset extends the file
        // sparsely anyway. Once every part is in, the file has exactly the planned length. Its folder is made
        // then too, so a create makes no file-system calls at all.
        return Task.FromResult<string?>(null);
    }

    public async Task<PartWriteResult> WritePartAsync(string key, long offset, long length, PipeReader body, bool withMd5, IProgress<long>? written, CancellationToken cancellationToken)
    {
        // Before the first byte: a part refused here leaves nothing to undo.
        using var claim = Claim(length);
        using var handle = OpenForParts(PathOf(key));
        // XXH128 is an order of magnitude cheaper than MD5, which would dominate the service's CPU under
        // parallel uploads, so MD5 is computed only for a client that sends Content-MD5.
        var xxh128 = new XxHash128();
        using var md5 = withMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        var segments = new List<ReadOnlyMemory<byte>>(64);
        var writeback = new EarlyWriteback(handle, offset);
        long received = 0;
        while (true)
        {
            // Batches of at least MinimumWrite bytes (or what is left, plus one byte to notice a body
            // that runs on) keep syscalls few; the bytes are hashed and written from the request's own
            // buffers with one pwritev, never copied into ours.
            var want = (int)Math.Min(MinimumWrite, length - received + 1);
            var result = await body.ReadAtLeastAsync(want, cancellationToken);
            var buffer = result.Buffer;
            if (received + buffer.Length > length)
            {
                body.AdvanceTo(buffer.Start, buffer.End);
                return new PartWriteResult(PartWriteStatus.TooLong, received + buffer.Length);
            }
            try
            {
                if (!buffer.IsEmpty)
                {
                    segments.Clear();
                    foreach (var segment in buffer)
                    {
                        xxh128.Append(segment.Span);
                        md5?.AppendData(segment.Span);
                        segments.Add(segment);
                    }
                    await RandomAccess.WriteAsync(handle, segments, offset + received, cancellationToken);
                    received += buffer.Length;
                    claim?.Landed(buffer.Length);
                    writeback.Written(offset + received);
                    written?.Report(received);
                }
            }
            finally
            {
                // Also when the write fails (a full disk): a read left open makes the next reader of the body,
                // Kestrel draining it, fail with "Reading is already in progress".
                body.AdvanceTo(buffer.End);
            }
            // A read woken by someone's CancelPendingRead is not the end of the body: Kestrel wakes the reads of
            // every connection when a graceful shutdown begins, and the part in flight must still finish.
            if (result.IsCompleted)
            {
                break;
            }
        }
        if (received < length)
        {
            return new PartWriteResult(PartWriteStatus.TooShort, received);
        }
        // A 2xx promises the bytes survive a crash.
        RandomAccess.FlushToDisk(handle);
        return new PartWriteResult(PartWriteStatus.Written, received, xxh128.GetHashAndReset(), md5?.GetHashAndReset());
    }

    private static SafeFileHandle OpenForParts(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, FileOptions.Asynchronous);
        }
        // The folder is made by the first part written. .NET reports ENOENT as FileNotFoundException when the
        // folder exists by the time it looks: another first part made it meanwhile.
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, FileOptions.Asynchronous);
        }
    }

    public async Task<long> WriteObjectAsync(string key, Stream body, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A fresh temporary file each time, renamed over the object at the end: an attempt that dies
        // half-way leaves no half object, and the next attempt starts over from nothing.
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            long written;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await CopyWithinReserveAsync(body, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                written = file.Length;
            }
            File.Move(temporary, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Copies a body of unknown length, each buffer claimed before it is written: an import stops (its
    /// download is tried again later) where it would reach into the reserve.
    /// </summary>
    private async Task CopyWithinReserveAsync(Stream body, FileStream file, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                // Flushed before the claim is given back, so that the free space read by the next claim holds them.
                using var claim = Claim(read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private DiskReserve.Claim? Claim(long bytes)
    {
        if (_reserve is null)
        {
            return null;
        }
        return _reserve.TryClaim(bytes) ?? throw new ReserveReachedException(bytes, _reserve.AvailableForUploads(_reserve.FreeSpace()));
    }

    public Task<int> DeleteLeftoversAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(_root, "*.partial", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (File.GetLastWriteTimeUtc(file) < olderThan.UtcDateTime)
                {
                    File.Delete(file);
                    deleted++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already, or in use: the next sweep looks again.
            }
        }
        return Task.FromResult(deleted);
    }

    public Task CompleteUploadAsync(string key, string? storageUploadId, PartPlan plan, CancellationToken cancellationToken) =>
        // The parts are already in place in the one file.
        Task.CompletedTask;

    public Task<IRandomAccessContent> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var handle = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        return Task.FromResult<IRandomAccessContent>(new FileContent(handle));
    }

    public Task DeleteAsync(string key, string? storageUploadId, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // An upload that never received a byte has no file, and its folder may not exist yet: nothing to delete.
        }
        return Task.CompletedTask;
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = Path.Combine(_root, ".ready-" + Guid.NewGuid().ToString("N"));
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
            return Task.FromResult(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(false);
        }
    }

    private sealed class FileContent(SafeFileHandle handle) : IRandomAccessContent
    {
        public long Length { get; } = RandomAccess.GetLength(handle);

        public ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken);

        public ValueTask DisposeAsync()
        {
            handle.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
