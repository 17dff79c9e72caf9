using Amazon.S3;
using Amazon.S3.Model;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// Presigned URLs straight to the store: an <c>UploadPart</c> PUT for each part (the client needs no
/// credentials and the bytes never touch the service) and a GET for downloads. Signing is local
/// computation, so retrieve can re-sign 10,000 part URLs cheaply.
/// </summary>
public sealed class S3UrlSigner(IAmazonS3 s3, S3StoreOptions options) : IPartUrlSigner, IDownloadUrlSigner
{
    private readonly Protocol _protocol = options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true
        ? Protocol.HTTP
        : Protocol.HTTPS;

    public string SignPartUrl(UploadRecord upload, int partNumber, DateTimeOffset expires, string publicBaseUrl) =>
        s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = upload.StorageKey,
            Verb = HttpVerb.PUT,
            UploadId = upload.StorageUploadId ?? throw new InvalidOperationException($"Upload {upload.Id} has no S3 multipart upload."),
            PartNumber = partNumber,
            Expires = expires.UtcDateTime,
            Protocol = _protocol,
        });

    public string SignDownloadUrl(DownloadTarget target, DateTimeOffset expires, string publicBaseUrl)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = target.StorageKey,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = _protocol,
        };
        request.ResponseHeaderOverrides.ContentType = target.ContentType;
        request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{target.FileName.Replace("\"", "", StringComparison.Ordinal)}\"";
        return s3.GetPreSignedURL(request);
    }
}
