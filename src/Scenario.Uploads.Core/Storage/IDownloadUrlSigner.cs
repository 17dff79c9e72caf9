namespace Scenario.Uploads.Storage;

/// <summary>
/// Signs the URL an asset's or model's file is downloaded from: the service's own signed
/// <c>/v1/files</c> URL on local disk, a presigned GET straight to the store on S3.
/// </summary>
public interface IDownloadUrlSigner
{
    /// <summary>The absolute download URL; <paramref name="publicBaseUrl"/> is the service's base URL ending in <c>/</c>.</summary>
    string SignDownloadUrl(DownloadTarget target, DateTimeOffset expires, string publicBaseUrl);
}

/// <summary>What a download URL points at.</summary>
public sealed record DownloadTarget(string EntityId, string StorageKey, string FileName, string ContentType);
