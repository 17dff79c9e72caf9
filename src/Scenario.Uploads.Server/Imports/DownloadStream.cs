using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// Wraps a response body on its way to storage: counts and hashes the bytes, reports progress, and
/// stops the download as soon as it passes the size limit (a body may lie about its length, or give none).
/// </summary>
internal sealed class DownloadStream(Stream inner, long limit, long? expectedLength, IProgress<double> progress) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw ImportException.Refused($"The file is larger than the limit of {limit} bytes; the download was stopped there.");
        }
        _hash.AppendData(buffer.Span[..read]);
        if (expectedLength is > 0 and var total)
        {
            progress.Report((double)BytesRead / total);
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

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
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
