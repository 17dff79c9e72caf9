using System.Net;
using Amazon.S3;

namespace Scenario.Uploads.Storage.S3;

internal static class S3Errors
{
    /// <summary>No such key, upload or bucket: radosgw answers ListParts on an aborted upload with 404 NoSuchKey.</summary>
    public static bool IsNotFound(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NoSuchUpload";
}
