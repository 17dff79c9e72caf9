namespace Scenario.Uploads.Quotas;

/// <summary>A quota the request would pass: which one, its limit, and what the owner uses already.</summary>
public sealed record QuotaBreach(string Quota, long Limit, long Usage, long Requested);

/// <summary>The names of the quotas, as the problem's <c>quota</c> field and the README give them.</summary>
public static class QuotaNames
{
    public const string StoredBytes = "storedBytes";
    public const string PendingBytes = "pendingBytes";
    public const string PendingUploads = "pendingUploads";
}
