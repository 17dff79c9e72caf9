using Scenario.Uploads.Quotas;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Quotas;

public sealed class QuotaRulesTests
{
    private static readonly QuotaUsage Usage = new(StoredBytes: 700, PendingBytes: 300, PendingUploads: 2);

    [Fact]
    public void Nothing_is_refused_without_limits() =>
        Assert.Null(QuotaRules.AtCreate(QuotaLimits.Unlimited, Usage, long.MaxValue / 2));

    [Fact]
    public void Reaching_a_limit_exactly_is_allowed_and_one_byte_more_is_not()
    {
        var limits = new QuotaLimits(StoredBytes: null, PendingBytes: 1000, PendingUploads: null);
        Assert.Null(QuotaRules.AtCreate(limits, Usage, 700));
        Assert.Equal(new QuotaBreach(QuotaNames.PendingBytes, 1000, 300, 701), QuotaRules.AtCreate(limits, Usage, 701));
    }

    [Fact]
    public void A_create_counts_as_one_more_pending_upload_first()
    {
        var limits = new QuotaLimits(StoredBytes: 0, PendingBytes: 0, PendingUploads: 2);
        Assert.Equal(QuotaNames.PendingUploads, QuotaRules.AtCreate(limits, Usage, 10)!.Quota);
    }

    [Fact]
    public void A_create_that_could_never_be_stored_is_refused_at_once()
    {
        var limits = new QuotaLimits(StoredBytes: 1000, PendingBytes: null, PendingUploads: null);
        Assert.Equal(new QuotaBreach(QuotaNames.StoredBytes, 1000, 700, 301), QuotaRules.AtCreate(limits, Usage, 301));
    }

    [Fact]
    public void A_complete_checks_only_the_stored_bytes()
    {
        var limits = new QuotaLimits(StoredBytes: 1000, PendingBytes: 0, PendingUploads: 0);
        Assert.Null(QuotaRules.AtComplete(limits, Usage, 300));
        Assert.Equal(QuotaNames.StoredBytes, QuotaRules.AtComplete(limits, Usage, 301)!.Quota);
    }
}
