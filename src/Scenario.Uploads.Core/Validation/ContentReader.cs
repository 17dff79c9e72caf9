namespace Scenario.Uploads.Validation;

/// <summary>
/// Reads exact byte ranges of a content, keeping the first 64 KiB in memory because every inspector
/// looks at the start of the file and most only there.
/// </summary>
internal sealed class ContentReader(IRandomAccessContent content, CancellationToken cancellationToken)
{
    public const int HeadSize = 64 * 1024;

    private byte[]? head;

    public long Length => content.Length;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The first bytes of the file (up to 64 KiB, fewer when the file is smaller).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> HeadAsync()
    {
        head ??= await ReadUpToAsync(0, (int)Math.Min(HeadSize, Length));
        return head;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; fewer only at the end of the file.</summary>
    public async ValueTask<byte[]> ReadUpToAsync(long offset, int count)
    {
        if (offset < 0 || offset >= Length || count <= 0)
        {
            return [];
        }

        count = (int)Math.Min(count, Length - offset);
        if (head is not null && offset + count <= head.Length)
        {
            return head.AsSpan((int)offset, count).ToArray();
        }

        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await content.ReadAtAsync(offset + filled, buffer.AsMemory(filled), cancellationToken);
            if (read <= 0)
            {
                break;
            }

            filled += read;
        }

        return filled == count ? buffer : buffer[..filled];
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> straight into the caller's buffer, for scans of the whole file.</summary>
    public ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer) => content.ReadAtAsync(offset, buffer, cancellationToken);

    /// <summary>A seekable stream over the content for readers that want one (ZipArchive); disposing it leaves the content open.</summary>
    public Stream OpenStream() => new RandomAccessContentStream(content, ownsContent: false);

    /// <summary>Reads exactly <paramref name="count"/> bytes, or returns null when the file ends before that.</summary>
    public async ValueTask<byte[]?> ReadExactAsync(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > Length)
        {
            return null;
        }

        var bytes = await ReadUpToAsync(offset, count);
        return bytes.Length == count ? bytes : null;
    }
}
