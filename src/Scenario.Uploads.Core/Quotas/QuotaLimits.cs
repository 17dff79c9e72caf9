namespace Scenario.Uploads.Quotas;

/// <summary>
/// What one owner may hold, as the key it calls with allows; null is unlimited. Usage is the owner's (every
/// key of an owner shares one account), the limits are those of the calling key.
/// </summary>
public sealed record QuotaLimits(long? StoredBytes, long? PendingBytes, long? PendingUploads)
{
    public static readonly QuotaLimits Unlimited = new(null, null, null);

    /// <summary>No limit at all: the usage need not even be read.</summary>
    public bool IsUnlimited => StoredBytes is null && PendingBytes is null && PendingUploads is null;

    /// <summary>Whether the complete action has anything to check.</summary>
    public bool LimitsStoredBytes => StoredBytes is not null;
}
