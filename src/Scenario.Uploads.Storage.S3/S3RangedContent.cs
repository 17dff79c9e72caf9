using Amazon.S3;
using Amazon.S3.Model;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// An object read with ranged, streamed GETs of one chunk each. While a chunk is being read the next one
/// is already on its way, so the sequential SHA-256 pass of validation runs at the store's speed; an
/// inspector's scattered small reads (a header, an index at the end) cost one range each.
/// </summary>
internal sealed class S3RangedContent(IAmazonS3 s3, string bucket, string key, long length, int chunkSize) : IRandomAccessContent
{
    private readonly CancellationTokenSource _disposed = new();
    private long _currentIndex = -1;
    private Task<byte[]>? _current;
    private long _nextIndex = -1;
    private Task<byte[]>? _next;

    public long Length => length;

    public async ValueTask<int> ReadAtAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= length || buffer.Length == 0)
        {
            return 0;
        }
        var index = offset / chunkSize;
        var chunk = await ChunkAsync(index).WaitAsync(cancellationToken);
        var within = (int)(offset - index * chunkSize);
        var count = Math.Min(buffer.Length, chunk.Length - within);
        chunk.AsMemory(within, count).CopyTo(buffer);
        return count;
    }

    private Task<byte[]> ChunkAsync(long index)
    {
        if (index != _currentIndex)
        {
            // Sequential: the prefetched chunk becomes current; anything else is fetched now.
            _current = index == _nextIndex && _next is not null ? _next : FetchAsync(index);
            _currentIndex = index;
            _nextIndex = index + 1;
            _next = _nextIndex * chunkSize < length ? FetchAsync(_nextIndex) : null;
        }
        return _current!;
    }

    private async Task<byte[]> FetchAsync(long index)
    {
        var start = index * chunkSize;
        var end = Math.Min(length, start + chunkSize) - 1;
        var bytes = new byte[end - start + 1];
        using var response = await s3.GetObjectAsync(
            new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(start, end) }, _disposed.Token);
        await using var body = response.ResponseStream;
        await body.ReadExactlyAsync(bytes, _disposed.Token);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        foreach (var pending in new[] { _current, _next })
        {
            if (pending is not null)
            {
                try
                {
                    await pending;
                }
                catch (Exception)
                {
                    // A prefetch nobody will read; its failure does not matter.
                }
            }
        }
        _disposed.Dispose();
    }
}
