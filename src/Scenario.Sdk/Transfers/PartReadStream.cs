namespace Scenario.Transfers;

/// <summary>
/// The bytes of one part, read straight from the source as the HTTP stack asks for them, so a part
/// never sits in memory. Hashes what it reads (to check the ETag) and reports each chunk.
/// </summary>
internal sealed class PartReadStream : Stream
{
    private readonly IPartSource _source;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<int> _onRead;
    private long _position;

    public PartReadStream(IPartSource source, long offset, long length, PartDigest digest, Action<int> onRead)
    {
        Digest = digest;
        _source = source;
        _offset = offset;
        _length = length;
        _onRead = onRead;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The digest of everything read, finished when the last byte is read (the HTTP stack may dispose this stream before the response is examined).</summary>
    public PartDigest Digest { get; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, _length - _position);
        if (wanted == 0)
        {
            return 0;
        }
        var read = await _source.ReadAsync(_offset + _position, buffer[..wanted], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"The file ended {_length - _position} bytes early: it changed while being uploaded.");
        }
        Digest.Append(buffer.Span[..read]);
        _position += read;
        if (_position == _length)
        {
            Digest.Finish();
        }
        _onRead(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Digest.Dispose();
        }
        base.Dispose(disposing);
    }
}
