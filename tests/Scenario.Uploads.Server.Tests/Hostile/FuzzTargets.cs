namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>What the fuzz suite aims at: the caller's credentials and real ids and signed URLs made before it starts.</summary>
/// <param name="Authorization">The caller's Authorization header.</param>
/// <param name="OtherAuthorization">Another owner's, to whom the caller's ids are a 404.</param>
/// <param name="PendingUploadId">The caller's pending upload whose state no request may change.</param>
/// <param name="PendingPartPath">Its one part's signed URL (path and query): the part size is known at create.</param>
/// <param name="PendingPartSize">The bytes that part must have.</param>
/// <param name="AssetId">An imported asset of the caller's.</param>
/// <param name="DownloadPath">Its signed download URL (path and query).</param>
/// <param name="JobId">The job that imported it.</param>
public sealed record FuzzTargets(
    string Authorization,
    string OtherAuthorization,
    string PendingUploadId,
    string PendingPartPath,
    int PendingPartSize,
    string AssetId,
    string DownloadPath,
    string JobId);
