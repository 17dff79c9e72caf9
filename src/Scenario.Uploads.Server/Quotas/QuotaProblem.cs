using Scenario.Uploads.Errors;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Server.Quotas;

/// <summary>The answer to a request beyond a quota: which quota, its limit and the usage, in words and as fields.</summary>
public static class QuotaProblem
{
    /// <param name="atComplete">Refused by the complete action, which leaves the upload pending.</param>
    public static Problem For(QuotaBreach breach, bool atComplete) => new(ErrorCodes.QuotaExceeded, Detail(breach, atComplete),
        new Dictionary<string, object?>
        {
            ["quota"] = breach.Quota,
            ["limit"] = breach.Limit,
            ["usage"] = breach.Usage,
            ["requested"] = breach.Requested,
        });

    private static string Detail(QuotaBreach b, bool atComplete) => b.Quota switch
    {
        QuotaNames.PendingUploads =>
            $"This account has {b.Usage} pending uploads and may have at most {b.Limit} (quota {b.Quota}). Complete or abort a pending upload first.",
        QuotaNames.PendingBytes =>
            $"This upload of {b.Requested} bytes would take this account's pending uploads past {b.Limit} bytes; they hold {b.Usage} (quota {b.Quota}). Complete or abort a pending upload first.",
        _ =>
            $"This upload of {b.Requested} bytes would take this account's stored files past {b.Limit} bytes; it holds {b.Usage} (quota {b.Quota})." + (atComplete
                ? " The upload stays pending: free space and complete it again, or abort it."
                : " Free space or ask the operator for a larger quota."),
    };
}
