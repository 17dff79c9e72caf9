namespace Scenario.Transfers;

/// <summary>
/// How a file is cut: every part but the last is <see cref="PartSize"/> bytes, the last carries the remainder.
/// This is the service's own rule (part size = ceil(file size / parts)), so offsets always agree with it.
/// </summary>
/// <param name="FileSize">The file size in bytes.</param>
/// <param name="PartsCount">The number of parts.</param>
/// <param name="PartSize">The size of every part but the last.</param>
public sealed record UploadPartPlan(long FileSize, int PartsCount, long PartSize)
{
    /// <summary>Where a part starts in the file.</summary>
    /// <param name="partNumber">The 1-based part number.</param>
    public long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    /// <summary>How many bytes a part holds.</summary>
    /// <param name="partNumber">The 1-based part number.</param>
    public long SizeOf(int partNumber) => partNumber < PartsCount ? PartSize : FileSize - ((PartsCount - 1) * PartSize);
}
