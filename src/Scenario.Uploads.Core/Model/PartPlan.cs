namespace Scenario.Uploads.Model;

/// <summary>
/// How a file of <see cref="FileSize"/> bytes is cut into <see cref="PartsCount"/> parts:
/// every part but the last is <see cref="PartSize"/> bytes, the last carries the remainder.
/// The limits are S3's, so a plan accepted on local disk never fails on S3 later.
/// </summary>
public sealed record PartPlan(long FileSize, int PartsCount, long PartSize)
{
    public const int MaxParts = 10_000;
    public const long MinPartSize = 5L * 1024 * 1024;
    public const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    public long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    public long SizeOf(int partNumber) =>
        partNumber < PartsCount ? PartSize : FileSize - (PartsCount - 1) * PartSize;

    public bool Contains(int partNumber) => partNumber >= 1 && partNumber <= PartsCount;

    /// <summary>Builds the plan, or says why none exists and which part counts would work.</summary>
    public static PartPlanResult Create(long fileSize, int parts)
    {
        if (parts < 1 || parts > MaxParts)
        {
            return PartPlanResult.Fail($"parts must be between 1 and {MaxParts}.");
        }
        if (fileSize < 0)
        {
            return PartPlanResult.Fail("fileSize must not be negative.");
        }
        if (fileSize == 0)
        {
            return parts == 1
                ? PartPlanResult.Ok(new PartPlan(0, 1, 0))
                : PartPlanResult.Fail("An empty file is uploaded in exactly 1 part.");
        }
        var partSize = (fileSize + parts - 1) / parts;
        // With every non-last part at least 5 MiB, the last part is never empty, so no other check is needed.
        if (parts > 1 && partSize < MinPartSize)
        {
            return PartPlanResult.Fail(
                $"Parts of {partSize} bytes are under the {MinPartSize}-byte (5 MiB) minimum; use at most {MaxPartsFor(fileSize)} part(s) for {fileSize} bytes.");
        }
        if (partSize > MaxPartSize)
        {
            return PartPlanResult.Fail(
                $"Parts of {partSize} bytes are over the {MaxPartSize}-byte (5 GiB) maximum; use at least {MinPartsFor(fileSize)} parts for {fileSize} bytes.");
        }
        return PartPlanResult.Ok(new PartPlan(fileSize, parts, partSize));
    }

    /// <summary>The largest part count whose non-last parts are all at least 5 MiB.</summary>
    public static int MaxPartsFor(long fileSize) =>
        (int)Math.Clamp(fileSize / MinPartSize, 1, MaxParts);

    /// <summary>The smallest part count whose parts are all at most 5 GiB.</summary>
    public static int MinPartsFor(long fileSize) =>
        (int)Math.Clamp((fileSize + MaxPartSize - 1) / MaxPartSize, 1, MaxParts);
}

/// <summary>A part plan, or the reason there is none.</summary>
public sealed record PartPlanResult(PartPlan? Plan, string? Error)
{
    public static PartPlanResult Ok(PartPlan plan) => new(plan, null);
    public static PartPlanResult Fail(string error) => new(null, error);
}
