using Microsoft.Win32.SafeHandles;

namespace Scenario.Transfers;

/// <summary>A file read with <see cref="RandomAccess"/>: positional reads need no shared position, so parts read in parallel.</summary>
internal sealed class FilePartSource : IPartSource
{
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
        return new FilePartSource(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous));
    }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        RandomAccess.ReadAsync(_handle, buffer, offset, cancellationToken);

    public void Dispose() => _handle.Dispose();
}
