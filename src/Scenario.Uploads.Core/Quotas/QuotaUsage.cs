namespace Scenario.Uploads.Quotas;

/// <summary>
/// What an owner holds, read in the transaction that checks it. Stored bytes are those of the assets and
/// models imported and of the uploads completed and not yet imported (they are on their way to being stored,
/// so two completes racing for the last bytes cannot both count on them being free).
/// </summary>
public sealed record QuotaUsage(long StoredBytes, long PendingBytes, long PendingUploads);
