using Microsoft.Win32.SafeHandles;

namespace Scenario.Transfers;

/// <summary>
/// A file read with <see cref="RandomAccess"/>: positional reads need no shared position, so parts read in parallel.
/// Outside Windows the reads are made in place: .NET has no asynchronous file reads there (the read of a handle
/// opened for asynchronous use is the same blocking <c>pread</c>, queued to the thread pool), so queuing it only
/// added a hop between threads per buffer; of a file in the page cache, that hop and the thread pool's
/// spinning around it cost more than the read itself.
/// </summary>
internal sealed class FilePartSource : IPartSource
{
    private static readonly bool ReadInPlace = !OperatingSystem.IsWindows();
    private readonly SafeFileHandle _handle;

    private FilePartSource(SafeFileHandle handle)
    {
        _handle = handle;
        Length = RandomAccess.GetLength(handle);
    }

    public long Length { get; }

    public static FilePartSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"'{path}' is a directory, not a file.", nameof(path));
        }
        var options = ReadInPlace ? FileOptions.None : FileOptions.Asynchronous;
        return new FilePartSource(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, options));
    }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!ReadInPlace)
        {
            return RandomAccess.ReadAsync(_handle, buffer, offset, cancellationToken);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }
        try
        {
            return new ValueTask<int>(RandomAccess.Read(_handle, buffer.Span, offset));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public void Dispose() => _handle.Dispose();
}
