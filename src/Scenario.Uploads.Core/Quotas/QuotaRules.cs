namespace Scenario.Uploads.Quotas;

/// <summary>
/// The one home of the quota rules; the repositories read the usage and apply these in the same transaction
/// as the write they allow, so two requests racing for the last bytes of a quota cannot both pass.
/// </summary>
public static class QuotaRules
{
    /// <summary>
    /// A new upload of <paramref name="fileSize"/> bytes (unknown, 0, for an import): one more pending upload,
    /// that many more pending bytes, and (refused now rather than at complete) bytes that could never be stored.
    /// </summary>
    public static QuotaBreach? AtCreate(QuotaLimits limits, QuotaUsage usage, long fileSize) =>
        Check(QuotaNames.PendingUploads, limits.PendingUploads, usage.PendingUploads, 1)
        ?? Check(QuotaNames.PendingBytes, limits.PendingBytes, usage.PendingBytes, fileSize)
        ?? Check(QuotaNames.StoredBytes, limits.StoredBytes, usage.StoredBytes, fileSize);

    /// <summary>
    /// The length of a pending upload that deferred it, now known: <paramref name="fileSize"/> more pending bytes,
    /// and bytes that could never be stored. (The upload was counted as a pending upload when it was created.)
    /// </summary>
    public static QuotaBreach? AtLength(QuotaLimits limits, QuotaUsage usage, long fileSize) =>
        Check(QuotaNames.PendingBytes, limits.PendingBytes, usage.PendingBytes, fileSize)
        ?? Check(QuotaNames.StoredBytes, limits.StoredBytes, usage.StoredBytes, fileSize);

    /// <summary>
    /// The complete action of a pending upload of <paramref name="fileSize"/> bytes: it is about to be stored.
    /// Its own bytes are no longer pending then, so only stored bytes are checked.
    /// </summary>
    public static QuotaBreach? AtComplete(QuotaLimits limits, QuotaUsage usage, long fileSize) =>
        Check(QuotaNames.StoredBytes, limits.StoredBytes, usage.StoredBytes, fileSize);

    private static QuotaBreach? Check(string quota, long? limit, long usage, long requested) =>
        limit is { } most && usage + requested > most ? new QuotaBreach(quota, most, usage, requested) : null;
}
