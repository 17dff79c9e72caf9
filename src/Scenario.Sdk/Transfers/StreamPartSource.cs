namespace Scenario.Transfers;

/// <summary>A seekable stream shared by parallel parts: each read seeks under a lock, so only one read runs at a time.</summary>
internal sealed class StreamPartSource : IPartSource
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public StreamPartSource(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable and seekable; parts are read at their offsets (and again on retry).", nameof(stream));
        }
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream.Position = offset;
            return await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The caller owns the stream; only the lock is ours.
    public void Dispose() => _gate.Dispose();
}
