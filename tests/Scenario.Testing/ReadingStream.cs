namespace Scenario.Testing;

/// <summary>
/// A forward-only, read-only stream over another, for test handlers and proxies that pace, cut off or count a
/// body as it is read: a derived stream only says how it reads (<see cref="ReadAsync(Memory{byte}, CancellationToken)"/>).
/// </summary>
public abstract class ReadingStream(Stream inner, bool ownsInner = true) : Stream
{
    /// <summary>The stream read from.</summary>
    protected Stream Inner => inner;

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
