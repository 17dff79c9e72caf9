using Scenario.Formats;

namespace Scenario.Transfers;

/// <summary>Picks a part plan the service accepts: parts of at least 5 MiB (but the last), at most 5 GiB, at most 10,000 parts.</summary>
public static class PartPlanner
{
    /// <summary>The smallest size of a part that is not the last.</summary>
    public const long MinPartSize = PartLimits.MinPartSize;

    /// <summary>The largest size of any part.</summary>
    public const long MaxPartSize = PartLimits.MaxPartSize;

    /// <summary>The most parts an upload can have.</summary>
    public const int MaxParts = PartLimits.MaxParts;

    /// <summary>The part size used when none is asked for (grown for files over 80 GB to stay within 10,000 parts).</summary>
    public const long DefaultPartSize = 8L * 1024 * 1024;

    /// <summary>Plans the parts of a file.</summary>
    /// <param name="fileSize">The file size in bytes.</param>
    /// <param name="partSize">The wanted part size; picked when null.</param>
    /// <exception cref="ArgumentException">No valid plan has parts of that size; the message says which sizes work.</exception>
    public static UploadPartPlan Plan(long fileSize, long? partSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileSize);
        var minForCount = (fileSize + MaxParts - 1) / MaxParts;
        if (partSize is { } asked)
        {
            if (asked <= 0 || (asked < MinPartSize && fileSize > asked))
            {
                throw new ArgumentException($"Part size {Sizes.Format(asked)} is too small: parts must be at least 5 MiB (unless the whole file fits in one part).", nameof(partSize));
            }
            if (asked > MaxPartSize)
            {
                throw new ArgumentException($"Part size {Sizes.Format(asked)} is too large: parts must be at most 5 GiB.", nameof(partSize));
            }
            if (asked < minForCount)
            {
                throw new ArgumentException($"Part size {Sizes.Format(asked)} would need more than {MaxParts} parts for {Sizes.Format(fileSize)}; use at least {Sizes.Format(minForCount)}.", nameof(partSize));
            }
        }
        if (fileSize == 0)
        {
            return new UploadPartPlan(0, 1, 0);
        }
        var wanted = partSize ?? Math.Max(DefaultPartSize, minForCount);
        var parts = (fileSize + wanted - 1) / wanted;
        // ceil(size / parts) can fall under 5 MiB when the last part is small; fewer, slightly larger parts fix that.
        parts = Math.Min(parts, Math.Max(1, fileSize / MinPartSize));
        return FromCount(fileSize, (int)parts);
    }

    /// <summary>
    /// A plan of a given part count: parts of ceil(size / count) bytes, at least 5 MiB (but the last); used
    /// to resume an upload whose part size no part has fixed yet.
    /// </summary>
    /// <param name="fileSize">The file size in bytes.</param>
    /// <param name="partsCount">The number of parts.</param>
    /// <exception cref="ArgumentException">The service would refuse this plan.</exception>
    public static UploadPartPlan FromCount(long fileSize, int partsCount)
    {
        if (partsCount is < 1 or > MaxParts)
        {
            throw new ArgumentException($"An upload has 1 to {MaxParts} parts, not {partsCount}.", nameof(partsCount));
        }
        var size = fileSize == 0 ? 0 : (fileSize + partsCount - 1) / partsCount;
        if (size > MaxPartSize)
        {
            throw new ArgumentException($"{Sizes.Format(fileSize)} is too large: at most {MaxParts} parts of 5 GiB.", nameof(fileSize));
        }
        if (partsCount > 1)
        {
            // Every part but the last is at least 5 MiB; the last carries what is left, and must not be empty.
            size = Math.Max(size, MinPartSize);
            if ((partsCount - 1) * size >= fileSize)
            {
                throw new ArgumentException($"{partsCount} parts of at least 5 MiB (but the last) do not fit {Sizes.Format(fileSize)}.", nameof(partsCount));
            }
        }
        return new UploadPartPlan(fileSize, partsCount, size);
    }
}
