using Scenario.Formats;

namespace Scenario.Transfers;

/// <summary>A file cut into ranges of one size (the last may be shorter); a file of 0 bytes has none.</summary>
internal readonly record struct ChunkPlan(long Size, long ChunkSize)
{
    public int Count => Size == 0 ? 0 : checked((int)((Size + ChunkSize - 1) / ChunkSize));

    public long OffsetOf(int index) => index * ChunkSize;

    public long LengthOf(int index) => Math.Min(ChunkSize, Size - OffsetOf(index));

    public static ChunkPlan For(long size, long chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 64 * 1024, nameof(DownloadOptions.ChunkSize));
        // Like an upload's parts, ranges stay few enough to list in the sidecar and to count in an int.
        var least = (size + PartLimits.MaxParts - 1) / PartLimits.MaxParts;
        return new ChunkPlan(size, Math.Max(chunkSize, least));
    }
}
