using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// Writes a stream of unknown length (an import) as one object: a plain PUT when it fits in one buffer,
/// else a multipart upload of buffer-sized parts. S3 shows the object only once complete, so a write that
/// dies half-way leaves no half object (the unfinished multipart upload is aborted).
/// </summary>
internal sealed class S3ObjectWriter(IAmazonS3 s3, string bucket)
{
    // Above S3's 5 MiB minimum part, and 10,000 of them still carry an 80 GB import.
    private const int PartSize = 8 * 1024 * 1024;

    public async Task<long> WriteAsync(string key, Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var read = await body.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancellationToken);
            if (read < PartSize)
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(buffer, 0, read) }, cancellationToken);
                return read;
            }
            return await WriteMultipartAsync(key, body, buffer, read, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> WriteMultipartAsync(string key, Stream body, byte[] buffer, int read, CancellationToken cancellationToken)
    {
        var uploadId = (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken)).UploadId;
        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            while (read > 0)
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, read), PartSize = read,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                total += read;
                read = await body.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancellationToken);
            }
            var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId };
            complete.AddPartETags(parts);
            await s3.CompleteMultipartUploadAsync(complete, cancellationToken);
            return total;
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
            throw;
        }
    }
}
