using Scenario.Uploads.Model;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Model;

public sealed class PartPlanTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(100 * MiB, 8, 13107200, 13107200)]
    [InlineData(12 * MiB + 5, 2, 6 * MiB + 3, 6 * MiB + 2)]
    [InlineData(10 * MiB, 2, 5 * MiB, 5 * MiB)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(0, 1, 0, 0)]
    public void Every_part_but_the_last_has_the_ceiling_size_and_the_last_the_remainder(long fileSize, int parts, long partSize, long lastSize)
    {
        var plan = PartPlan.Create(fileSize, parts).Plan!;

        Assert.Equal(partSize, plan.PartSize);
        Assert.Equal(lastSize, plan.SizeOf(parts));
        Assert.Equal(fileSize, Enumerable.Range(1, parts).Sum(n => plan.SizeOf(n)));
        Assert.Equal(fileSize - lastSize, plan.OffsetOf(parts));
    }

    [Theory]
    [InlineData(10 * MiB - 2, 2, "at most 1 part")]
    [InlineData(6L * 1024 * MiB, 1, "at least 2 parts")]
    [InlineData(100, 0, "between 1 and 10000")]
    [InlineData(100, 10001, "between 1 and 10000")]
    [InlineData(0, 2, "exactly 1 part")]
    [InlineData(-1, 1, "negative")]
    public void An_impossible_plan_says_which_part_counts_would_work(long fileSize, int parts, string hint)
    {
        var result = PartPlan.Create(fileSize, parts);

        Assert.Null(result.Plan);
        Assert.Contains(hint, result.Error);
    }

    [Fact]
    public void The_largest_file_has_a_valid_plan_at_the_limits()
    {
        var tenThousandParts = PartPlan.Create(10_000 * PartPlan.MaxPartSize, PartPlan.MaxParts);
        var twentyGiBIn5MiBParts = PartPlan.Create(20L * 1024 * MiB, PartPlan.MaxPartsFor(20L * 1024 * MiB));

        Assert.NotNull(tenThousandParts.Plan);
        Assert.NotNull(twentyGiBIn5MiBParts.Plan);
        Assert.True(twentyGiBIn5MiBParts.Plan!.PartSize >= PartPlan.MinPartSize);
    }
}
