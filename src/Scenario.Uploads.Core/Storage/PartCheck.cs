using Scenario.Uploads.Model;

namespace Scenario.Uploads.Storage;

/// <summary>Checks the parts a store lists against the plan, since clients PUT them to the store unchecked.</summary>
public static class PartCheck
{
    /// <summary>The plan's part numbers that are absent or of the wrong size, in order.</summary>
    public static IReadOnlyList<int> Unfit(PartPlan plan, IReadOnlyList<PartRecord> listed)
    {
        var sizes = listed.ToDictionary(p => p.Number, p => p.Size);
        return Enumerable.Range(1, plan.PartsCount)
            .Where(n => !sizes.TryGetValue(n, out var size) || size != plan.SizeOf(n))
            .ToList();
    }
}
