using System.IO.Hashing;

namespace Scenario.Uploads.Validation;

/// <summary>
/// A forward-only pass-through that counts and CRC-32s what is read from it: ZipArchive checks neither an entry's
/// size nor its CRC when reading, so the zipped-model inspector checks both as the entry streams by.
/// </summary>
internal sealed class ChecksummingStream(Stream inner) : Stream
{
    private readonly Crc32 crc = new();

    public long BytesRead { get; private set; }

    public uint Crc => crc.GetCurrentHashAsUInt32();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Append(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Append(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Append(ReadOnlySpan<byte> bytes)
    {
        crc.Append(bytes);
        BytesRead += bytes.Length;
    }
}
