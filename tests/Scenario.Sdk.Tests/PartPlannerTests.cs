using Scenario.Transfers;

namespace Scenario.Sdk.Tests;

public sealed class PartPlannerTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(1L, 1)]
    [InlineData(8 * MiB, 1)]
    [InlineData(8 * MiB + 1, 1)]
    [InlineData(16 * MiB + 1, 3)]
    [InlineData(10 * MiB + 1, 2)]
    [InlineData(20L * 1000 * 1000 * 1000, 2385)]
    public void Default_plans_are_valid(long size, int parts)
    {
        var plan = PartPlanner.Plan(size);

        Assert.Equal(parts, plan.PartsCount);
        AssertValid(plan);
    }

    [Fact]
    public void Rounding_never_leaves_a_non_last_part_under_5_MiB()
    {
        // ceil(10 MiB + 1 / 3) would be 3.3 MiB: the planner must choose 2 parts instead.
        var plan = PartPlanner.Plan(10 * MiB + 1, 5 * MiB);

        Assert.Equal(2, plan.PartsCount);
        AssertValid(plan);
    }

    [Fact]
    public void Huge_files_grow_the_part_size_to_stay_within_10000_parts()
    {
        var plan = PartPlanner.Plan(200L * 1024 * 1024 * 1024);

        Assert.True(plan.PartsCount <= 10_000);
        AssertValid(plan);
    }

    [Theory]
    [InlineData(20 * MiB, 1 * MiB)]
    [InlineData(20 * MiB, 6L * 1024 * MiB)]
    [InlineData(100L * 1024 * 1024 * MiB, 5 * MiB)]
    public void Part_sizes_that_make_no_valid_plan_are_refused(long size, long partSize)
    {
        Assert.Throws<ArgumentException>(() => PartPlanner.Plan(size, partSize));
    }

    [Fact]
    public void A_small_part_size_is_fine_when_the_file_fits_in_one_part()
    {
        Assert.Equal(1, PartPlanner.Plan(1000, 4096).PartsCount);
    }

    [Theory]
    [InlineData(7 * MiB, 2, 5 * MiB)]     // ceil would be 3.5 MiB: parts but the last are at least 5 MiB
    [InlineData(12 * MiB, 3, 5 * MiB)]
    [InlineData(20 * MiB, 3, 6990507)]
    public void A_plan_for_a_part_count_keeps_parts_but_the_last_at_5_MiB_or_more(long size, int parts, long partSize)
    {
        var plan = PartPlanner.FromCount(size, parts);

        Assert.Equal(partSize, plan.PartSize);
        Assert.True(plan.SizeOf(parts) > 0);
    }

    [Fact]
    public void A_part_count_that_no_part_size_fits_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PartPlanner.FromCount(10 * MiB, 3));
    }

    [Fact]
    public void Offsets_and_sizes_follow_the_service_rule()
    {
        var plan = PartPlanner.FromCount(12 * MiB, 2);

        Assert.Equal(6 * MiB, plan.PartSize);
        Assert.Equal(6 * MiB, plan.OffsetOf(2));
        Assert.Equal(6 * MiB, plan.SizeOf(2));
    }

    private static void AssertValid(UploadPartPlan plan)
    {
        Assert.Equal((plan.FileSize + plan.PartsCount - 1) / plan.PartsCount, plan.PartSize);
        Assert.True(plan.PartsCount == 1 || plan.PartSize >= PartPlanner.MinPartSize);
        Assert.True(plan.PartSize <= PartPlanner.MaxPartSize);
        Assert.True(plan.SizeOf(plan.PartsCount) > 0);
    }
}
