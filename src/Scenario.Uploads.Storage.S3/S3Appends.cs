using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Amazon.S3;
using Amazon.S3.Model;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// Appends on S3, whose multipart parts must be at least 5 MiB (but the last): the bytes are cut into parts of
/// the target's part size, each uploaded once whole, and what an append leaves of an unfinished part (its
/// tail) is written as an object of its own, named after the offset it ends at, so any instance continues it
/// and a tail is never overwritten while the recorded offset still points at it (as tusd's s3store keeps its
/// "incomplete part"). Concatenation copies ranges of the pieces inside the store (UploadPartCopy).
/// </summary>
public sealed partial class S3BlobStore : IAppendStore
{
    /// <summary>S3's smallest part but the last.</summary>
    private const long MinimumPart = 5L * 1024 * 1024;

    public async Task<AppendOutcome> AppendAsync(
        AppendTarget target, long offset, long maxBytes, PipeReader body, AppendedBytes? appended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target.StorageUploadId);
        var partSize = (int)target.PartSize;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var fill = (int)(offset % partSize);
            var partNumber = (int)(offset / partSize) + 1;
            if (fill > 0)
            {
                await ReadTailAsync(target.Key, offset, buffer.AsMemory(0, fill), cancellationToken);
            }
            // Every byte handed over goes into the part buffer, which goes to the store as a part or the tail: a body
            // that breaks keeps them all.
            using var reader = new AppendBody(body, maxBytes, cancellationToken);
            while (await reader.NextAsync() is { } bytes)
            {
                try
                {
                    for (var rest = bytes; !rest.IsEmpty;)
                    {
                        var take = (int)Math.Min(partSize - fill, rest.Length);
                        rest.Slice(0, take).CopyTo(buffer.AsSpan(fill, take));
                        appended?.Invoke(buffer.AsSpan(fill, take));
                        (fill, rest) = (fill + take, rest.Slice(take));
                        if (fill == partSize)
                        {
                            await UploadPartAsync(target, partNumber++, buffer, fill);
                            fill = 0;
                        }
                    }
                }
                finally
                {
                    reader.Consumed();
                }
            }
            var kept = reader.Read;
            if (fill > 0)
            {
                await WriteTailAsync(target.Key, offset + kept, buffer, fill);
            }
            return new AppendOutcome(kept, reader.Error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task AdvancedAsync(AppendTarget target, long from, long to, CancellationToken cancellationToken)
    {
        if (from % target.PartSize != 0)
        {
            await DeleteQuietlyAsync(TailKey(target.Key, from), cancellationToken);
        }
    }

    public async Task FinishAsync(AppendTarget target, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target.StorageUploadId);
        var rest = (int)(length % target.PartSize);
        if (rest > 0 && await SizeOfAsync(target.Key, cancellationToken) != length)
        {
            // The last part: the tail the last append left.
            var buffer = ArrayPool<byte>.Shared.Rent(rest);
            try
            {
                await ReadTailAsync(target.Key, length, buffer.AsMemory(0, rest), cancellationToken);
                await UploadPartAsync(target, (int)(length / target.PartSize) + 1, buffer, rest);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        await CompleteUploadAsync(target.Key, target.StorageUploadId, PartPlan.Of(length, target.PartSize), cancellationToken);
        await DeleteTailsAsync(target.Key, cancellationToken);
    }

    public async Task<bool> ConcatenateAsync(AppendTarget target, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target.StorageUploadId);
        var ranges = CopyRanges(pieces, target.PartSize);
        if (ranges is null)
        {
            // A piece but the last under S3's smallest part cannot be copied as a part of its own: such small
            // files are read through the service instead.
            await ConcatenateThroughServiceAsync(target, pieces, copied, cancellationToken);
            return true;
        }
        var etags = new PartETag[ranges.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ranges.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (key, first, last) = ranges[i];
                var part = await s3.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = options.Bucket, SourceKey = key, DestinationBucket = options.Bucket, DestinationKey = target.Key,
                    UploadId = target.StorageUploadId, PartNumber = i + 1, FirstByte = first, LastByte = last,
                }, token);
                etags[i] = new PartETag(i + 1, part.ETag);
            });
        var complete = new CompleteMultipartUploadRequest { BucketName = options.Bucket, Key = target.Key, UploadId = target.StorageUploadId };
        complete.AddPartETags(etags);
        await s3.CompleteMultipartUploadAsync(complete, cancellationToken);
        return false;
    }

    /// <summary>
    /// Each piece as byte ranges of about <paramref name="partSize"/>, its last range merged into the one before
    /// when under S3's minimum; null when a piece but the last is smaller than the minimum itself.
    /// </summary>
    internal static List<(string Key, long First, long Last)>? CopyRanges(IReadOnlyList<StoredPiece> pieces, long partSize)
    {
        var ranges = new List<(string, long, long)>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (key, length) = (pieces[i].Key, pieces[i].Length);
            if (length < MinimumPart && i < pieces.Count - 1)
            {
                return null;
            }
            for (long start = 0; start < length;)
            {
                var end = Math.Min(length, start + partSize);
                if (length - end < MinimumPart)
                {
                    end = length;
                }
                ranges.Add((key, start, end - 1));
                start = end;
            }
        }
        return ranges;
    }

    /// <summary>
    /// The pieces read one after the other into the object writer's stream, through a pipe: the service holds a
    /// part's buffer at a time, however large the other pieces are.
    /// </summary>
    private async Task ConcatenateThroughServiceAsync(AppendTarget target, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken)
    {
        await AbortAsync(target.Key, target.StorageUploadId!, cancellationToken);
        var pipe = new Pipe();
        var reading = ReadPiecesAsync(pipe.Writer, pieces, copied, cancellationToken);
        try
        {
            await using var joined = pipe.Reader.AsStream();
            await new S3ObjectWriter(s3, options.Bucket).WriteAsync(target.Key, joined, cancellationToken);
        }
        finally
        {
            // The reader is gone either way (its stream completes the pipe): the pieces' reading ends too.
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        await reading;
    }

    private async Task ReadPiecesAsync(PipeWriter joined, IReadOnlyList<StoredPiece> pieces, AppendedBytes? copied, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var piece in pieces.Where(p => p.Length > 0))
            {
                using var response = await s3.GetObjectAsync(options.Bucket, piece.Key, cancellationToken);
                while (true)
                {
                    var memory = joined.GetMemory(64 * 1024);
                    var read = await response.ResponseStream.ReadAsync(memory, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }
                    copied?.Invoke(memory.Span[..read]);
                    joined.Advance(read);
                    if ((await joined.FlushAsync(cancellationToken)).IsCompleted)
                    {
                        // The object writer stopped reading (it failed): nothing more to give it.
                        await joined.CompleteAsync();
                        return;
                    }
                }
            }
            await joined.CompleteAsync();
        }
        catch (Exception e)
        {
            await joined.CompleteAsync(e);
            throw;
        }
    }

    private async Task UploadPartAsync(AppendTarget target, int partNumber, byte[] buffer, int length) =>
        // Not the request's token: a part of bytes that arrived is stored even when the client has just gone.
        await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = options.Bucket, Key = target.Key, UploadId = target.StorageUploadId, PartNumber = partNumber,
            InputStream = new MemoryStream(buffer, 0, length, writable: false), PartSize = length,
        }, CancellationToken.None);

    private async Task WriteTailAsync(string key, long end, byte[] buffer, int length) =>
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket, Key = TailKey(key, end), InputStream = new MemoryStream(buffer, 0, length, writable: false),
        }, CancellationToken.None);

    private async Task ReadTailAsync(string key, long end, Memory<byte> into, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(options.Bucket, TailKey(key, end), cancellationToken);
        await response.ResponseStream.ReadExactlyAsync(into, cancellationToken);
    }

    private async Task DeleteTailsAsync(string key, CancellationToken cancellationToken)
    {
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = TailPrefix(key) }, cancellationToken);
        foreach (var tail in listed.S3Objects ?? [])
        {
            await DeleteQuietlyAsync(tail.Key, cancellationToken);
        }
    }

    private async Task DeleteQuietlyAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
        }
    }

    private static string TailPrefix(string key) => $"{key}.tail/";

    private static string TailKey(string key, long end) => TailPrefix(key) + end.ToString("D20", CultureInfo.InvariantCulture);
}
