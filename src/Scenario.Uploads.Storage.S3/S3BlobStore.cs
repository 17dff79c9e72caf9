using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Scenario.Uploads.Model;
using Scenario.Uploads.Validation;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// Blobs in an S3 bucket. An upload is an S3 multipart upload: clients PUT its parts straight to the store
/// through presigned URLs (<see cref="S3UrlSigner"/>), so no byte passes through the service; the job
/// completes it, and validation reads the object back with ranged GETs.
/// </summary>
public sealed partial class S3BlobStore(IAmazonS3 s3, S3StoreOptions options) : IBlobStore, IStorePartLister, IWholeObjectStore
{
    private const int ListPageSize = 1000;

    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (!options.CreateBucket)
        {
            return;
        }
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another instance (or an earlier start) created it.
        }
        // The upload page PUTs parts straight to the bucket from the browser: it needs the bucket's CORS.
        await BrowserCors.EnsureAsync(s3, options.Bucket, cancellationToken);
    }

    public async Task<string?> BeginUploadAsync(string key, string? contentType, CancellationToken cancellationToken)
    {
        var response = await s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = options.Bucket, Key = key, ContentType = Canonical(contentType) }, cancellationToken);
        return response.UploadId;
    }

    /// <summary>
    /// The form HttpClient puts on the wire ("text/plain; charset=UTF-8" for "text/plain;charset=UTF-8"): the
    /// SDK signs the value it is given, so any other spelling makes the store refuse the request's signature.
    /// </summary>
    private static string? Canonical(string? contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.ToString() : null;

    public Task<long> WriteObjectAsync(string key, Stream body, CancellationToken cancellationToken) =>
        new S3ObjectWriter(s3, options.Bucket).WriteAsync(key, body, cancellationToken);

    public async Task<IReadOnlyList<PartRecord>> ListPartsAsync(string key, string storageUploadId, CancellationToken cancellationToken)
    {
        var parts = new List<PartRecord>();
        int? marker = null;
        try
        {
            while (true)
            {
                var page = await s3.ListPartsAsync(new ListPartsRequest
                {
                    BucketName = options.Bucket, Key = key, UploadId = storageUploadId, MaxParts = ListPageSize,
                    PartNumberMarker = marker?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, cancellationToken);
                foreach (var part in page.Parts ?? [])
                {
                    parts.Add(new PartRecord(part.PartNumber ?? 0, part.Size ?? 0, Unquote(part.ETag), part.LastModified ?? DateTime.UtcNow));
                }
                if (page.IsTruncated != true || page.NextPartNumberMarker is not { } next || next == marker)
                {
                    return parts;
                }
                marker = next;
            }
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return [];
        }
    }

    /// <summary>
    /// Completes with the parts as the store lists them. Idempotent: a retried job whose earlier attempt
    /// completed the upload finds the object there at its planned size and carries on.
    /// </summary>
    public async Task CompleteUploadAsync(string key, string? storageUploadId, PartPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageUploadId);
        var listed = await ListPartsAsync(key, storageUploadId, cancellationToken);
        if (listed.Count == 0 && await SizeOfAsync(key, cancellationToken) == plan.FileSize)
        {
            return;
        }
        if (plan.FileSize == 0)
        {
            // A multipart upload cannot end as an empty object on every store; write the empty object plainly.
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = key, InputStream = new MemoryStream() }, cancellationToken);
            await AbortAsync(key, storageUploadId, cancellationToken);
            return;
        }
        var request = new CompleteMultipartUploadRequest { BucketName = options.Bucket, Key = key, UploadId = storageUploadId };
        request.AddPartETags(listed.Where(p => plan.Contains(p.Number)).OrderBy(p => p.Number)
            .Select(p => new PartETag(p.Number, Quote(p.ETag))).ToList());
        await s3.CompleteMultipartUploadAsync(request, cancellationToken);
        // radosgw answers complete with an empty ETag: trust the object as HEAD shows it, not the answer.
        var size = await SizeOfAsync(key, cancellationToken);
        if (size != plan.FileSize)
        {
            throw new InvalidDataException($"The completed object {key} has {size} bytes; the plan says {plan.FileSize}.");
        }
    }

    public async Task<IRandomAccessContent> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var length = await SizeOfAsync(key, cancellationToken) ?? throw new FileNotFoundException($"No object {key} in bucket {options.Bucket}.");
        return new S3RangedContent(s3, options.Bucket, key, length, options.ReadChunkSize);
    }

    public async Task DeleteAsync(string key, string? storageUploadId, CancellationToken cancellationToken)
    {
        try
        {
            if (storageUploadId is not null)
            {
                await AbortAsync(key, storageUploadId, cancellationToken);
            }
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = options.Bucket, Key = key }, cancellationToken);
            // What appends left of an unfinished part (S3Appends); one listing, empty for the API's own uploads.
            await DeleteTailsAsync(key, cancellationToken);
        }
        catch (AmazonServiceException e) when (e is not AmazonS3Exception s || !S3Errors.IsNotFound(s))
        {
            // The callers retry deletes that fail with an IOException (the sweeper comes back to them).
            throw new IOException($"Could not delete {key} from bucket {options.Bucket}: {e.Message}", e);
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, MaxKeys = 1 }, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    private async Task AbortAsync(string key, string storageUploadId, CancellationToken cancellationToken)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = options.Bucket, Key = key, UploadId = storageUploadId }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            // Already completed or aborted.
        }
    }

    private async Task<long?> SizeOfAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = options.Bucket, Key = key }, cancellationToken);
            return head.ContentLength;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
    }

    internal static string Unquote(string? etag) => (etag ?? "").Trim('"');

    private static string Quote(string etag) => $"\"{etag}\"";
}
