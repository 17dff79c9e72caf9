namespace Scenario.Uploads.Persistence;

/// <summary>
/// A create's <c>Idempotency-Key</c>: the owner's key, the SHA-256 of the request it came with, and the upload
/// that request made. A second create with the same key within the key's lifetime gets that upload back.
/// </summary>
public sealed record IdempotencyClaim(string OwnerId, string Key, string RequestSha256, string UploadId, DateTimeOffset CreatedAt);
