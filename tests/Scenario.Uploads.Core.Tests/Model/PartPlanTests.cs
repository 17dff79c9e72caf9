using Scenario.Uploads.Model;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Model;

public sealed class PartPlanTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(20 * MiB, 3)]          // 8 + 8 + 4 MiB, as S3 clients send it
    [InlineData(40 * MiB, 2)]          // 32 + 8 MiB
    [InlineData(7 * MiB, 2)]           // 5 + 2 MiB
    [InlineData(12 * MiB, 3)]          // 5 + 5 + 2 MiB
    [InlineData(10 * MiB - 2, 2)]      // 5 MiB + (5 MiB - 2)
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void A_plan_is_accepted_whenever_some_part_size_fits(long fileSize, int parts)
    {
        Assert.Null(PartPlan.Check(fileSize, parts));
    }

    [Theory]
    [InlineData(10 * MiB, 3, "at most 2 part")]
    [InlineData(5 * MiB, 2, "at most 1 part")]
    [InlineData(6L * 1024 * MiB, 1, "at least 2 parts")]
    [InlineData(100, 0, "between 1 and 10000")]
    [InlineData(100, 10001, "between 1 and 10000")]
    [InlineData(0, 2, "exactly 1 part")]
    [InlineData(-1, 1, "negative")]
    public void An_impossible_plan_says_which_part_counts_would_work(long fileSize, int parts, string hint)
    {
        Assert.Contains(hint, PartPlan.Check(fileSize, parts));
    }

    [Theory]
    [InlineData(20 * MiB, 3, 1, 8 * MiB, 8 * MiB)]
    [InlineData(20 * MiB, 3, 3, 4 * MiB, 8 * MiB)]     // the last part first: P = (20 - 4) / 2
    [InlineData(40 * MiB, 2, 2, 8 * MiB, 32 * MiB)]
    [InlineData(7 * MiB, 2, 1, 5 * MiB, 5 * MiB)]
    [InlineData(7 * MiB, 2, 1, 7 * MiB - 1, 7 * MiB - 1)] // the last part of 1 byte
    [InlineData(100 * MiB, 8, 8, 100 * MiB - (7 * 13107200), 13107200)] // the service's old ceil(S/N) is one P among others
    [InlineData(3, 1, 1, 3, 3)]
    public void A_part_implies_the_part_size(long fileSize, int parts, int number, long length, long partSize)
    {
        var result = PartPlan.PartSizeFor(fileSize, parts, number, length);

        Assert.Equal(partSize, result.PartSize);
        var plan = new PartPlan(fileSize, parts, partSize);
        Assert.Equal(length, plan.SizeOf(number));
        Assert.Equal(fileSize, Enumerable.Range(1, parts).Sum(n => plan.SizeOf(n)));
    }

    [Theory]
    [InlineData(20 * MiB, 3, 1, 4 * MiB, "between 6990507 and 10485759")]   // under the smallest P that fits
    [InlineData(20 * MiB, 3, 2, 11 * MiB, "between 6990507 and 10485759")]  // two parts of 11 MiB leave nothing
    [InlineData(20 * MiB, 3, 3, 4 * MiB + 1, "is the last of 3")]            // (20 MiB - L) / 2 is not whole
    [InlineData(20 * MiB, 3, 3, 9 * MiB, "is the last of 3")]                // more than the P it implies
    [InlineData(12 * MiB, 3, 1, 4 * MiB, "at least 5 MiB")]
    [InlineData(3, 1, 1, 2, "exactly 3 bytes")]
    public void A_part_that_implies_no_part_size_says_which_size_is_expected(long fileSize, int parts, int number, long length, string hint)
    {
        var result = PartPlan.PartSizeFor(fileSize, parts, number, length);

        Assert.Null(result.PartSize);
        Assert.Contains(hint, result.Error);
        Assert.True(result.Expected > 0);
    }

    [Fact]
    public void Listed_parts_fit_the_part_size_their_first_part_implies()
    {
        PartRecord Part(int n, long size) => new(n, size, "etag", DateTimeOffset.UnixEpoch);

        var fit = PartPlan.Fit(20 * MiB, 3, [Part(1, 8 * MiB), Part(2, 8 * MiB), Part(3, 4 * MiB)]);
        var gap = PartPlan.Fit(20 * MiB, 3, [Part(1, 8 * MiB), Part(3, 4 * MiB)]);
        var mixed = PartPlan.Fit(20 * MiB, 3, [Part(1, 8 * MiB), Part(2, 7 * MiB), Part(3, 5 * MiB)]);
        var none = PartPlan.Fit(20 * MiB, 3, []);

        Assert.Equal(8 * MiB, fit.Plan!.PartSize);
        Assert.Empty(fit.Unfit);
        Assert.Equal([2], gap.Unfit);
        Assert.Equal([2, 3], mixed.Unfit);
        Assert.Null(none.Plan);
        Assert.Equal([1, 2, 3], none.Unfit);
    }

    [Fact]
    public void The_largest_file_has_a_valid_plan_at_the_limits()
    {
        Assert.Null(PartPlan.Check(10_000 * PartPlan.MaxPartSize, PartPlan.MaxParts));
        Assert.Null(PartPlan.Check(20L * 1024 * MiB, PartPlan.MaxPartsFor(20L * 1024 * MiB)));
        Assert.NotNull(PartPlan.Check(20L * 1024 * MiB, PartPlan.MaxPartsFor(20L * 1024 * MiB) + 1));
        Assert.Equal((PartPlan.MaxPartSize, PartPlan.MaxPartSize), PartPlan.PartSizeRange(10_000 * PartPlan.MaxPartSize, PartPlan.MaxParts));
    }
}
