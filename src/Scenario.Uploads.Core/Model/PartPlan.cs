using Scenario.Formats;

namespace Scenario.Uploads.Model;

/// <summary>
/// How a file of <see cref="FileSize"/> bytes is cut into <see cref="PartsCount"/> parts once its part size
/// is known: every part but the last is <see cref="PartSize"/> bytes, the last carries the remainder.
/// </summary>
/// <remarks>
/// The rule is the one of S3 and Cloudflare R2 clients (and so of Scenario's own plugins and examples): the
/// client picks a part size P (5, 8, 32 MiB…), sends <c>ceil(fileSize / P)</c> parts, and cuts the file
/// into parts of exactly P bytes with a smaller last part: <c>(N-1)·P &lt; S ≤ N·P</c>, P ≥ 5 MiB when
/// N &gt; 1, every part ≤ 5 GiB. Create only knows S and N, so the first part to arrive fixes P
/// (<see cref="PartSizeFor"/>). The limits are S3's, so a plan accepted on local disk never fails on S3 later.
/// </remarks>
public sealed record PartPlan(long FileSize, int PartsCount, long PartSize)
{
    public const int MaxParts = PartLimits.MaxParts;
    public const long MinPartSize = PartLimits.MinPartSize;
    public const long MaxPartSize = PartLimits.MaxPartSize;

    public long OffsetOf(int partNumber) => (partNumber - 1) * PartSize;

    public long SizeOf(int partNumber) =>
        partNumber < PartsCount ? PartSize : FileSize - ((PartsCount - 1) * PartSize);

    public bool Contains(int partNumber) => partNumber >= 1 && partNumber <= PartsCount;

    /// <summary>
    /// Whether some part size fits a file of <paramref name="fileSize"/> bytes in <paramref name="parts"/>
    /// parts (<c>(N-1)·5 MiB &lt; S ≤ N·5 GiB</c>); null when one does, otherwise why not and which part counts work.
    /// </summary>
    public static string? Check(long fileSize, int parts)
    {
        if (parts < 1 || parts > MaxParts)
        {
            return $"parts must be between 1 and {MaxParts}.";
        }
        if (fileSize < 0)
        {
            return "fileSize must not be negative.";
        }
        if (fileSize == 0)
        {
            return parts == 1 ? null : "An empty file is uploaded in exactly 1 part.";
        }
        if ((parts - 1) * MinPartSize >= fileSize)
        {
            return $"{parts} parts of at least {MinPartSize} bytes (5 MiB, all but the last) need more than {(parts - 1) * MinPartSize} bytes; "
                + $"use at most {MaxPartsFor(fileSize)} part(s) for {fileSize} bytes.";
        }
        if (fileSize > parts * MaxPartSize)
        {
            return $"{parts} part(s) of at most {MaxPartSize} bytes (5 GiB) cannot hold {fileSize} bytes; use at least {MinPartsFor(fileSize)} parts.";
        }
        return null;
    }

    /// <summary>
    /// The plan of a file the service itself cuts into parts of <paramref name="partSize"/> bytes (the resumable
    /// protocols' appends): as many as it takes, at least one.
    /// </summary>
    public static PartPlan Of(long fileSize, long partSize) =>
        new(fileSize, (int)Math.Max(1, (fileSize + partSize - 1) / partSize), partSize);

    /// <summary>
    /// The part size for appends to a file of at most <paramref name="maxFileSize"/> bytes: 8 MiB (whole chunks of
    /// the sizes resumable clients send are whole parts), or larger where the file needs it to fit in
    /// <see cref="MaxParts"/> parts.
    /// </summary>
    public static long ForAppends(long maxFileSize)
    {
        const long mebibyte = 1024 * 1024;
        var needed = (maxFileSize + MaxParts - 1) / MaxParts;
        return Math.Max(8 * mebibyte, (needed + mebibyte - 1) / mebibyte * mebibyte);
    }

    /// <summary>The plan known at create: a single part is the whole file; otherwise the first part decides (null).</summary>
    public static PartPlan? KnownAtCreate(long fileSize, int parts) => parts == 1 ? new PartPlan(fileSize, 1, fileSize) : null;

    /// <summary>The smallest and the largest part size P that fit (assumes <see cref="Check"/> passed).</summary>
    public static (long Min, long Max) PartSizeRange(long fileSize, int parts)
    {
        if (parts == 1)
        {
            return (fileSize, fileSize);
        }
        // (N-1)·P < S  ⇔  P ≤ (S-1)/(N-1);  S ≤ N·P  ⇔  P ≥ ceil(S/N).
        var min = Math.Max(MinPartSize, (fileSize + parts - 1) / parts);
        var max = Math.Min(MaxPartSize, (fileSize - 1) / (parts - 1));
        return (min, max);
    }

    /// <summary>
    /// The part size that part <paramref name="partNumber"/> implies by arriving with <paramref name="length"/>
    /// bytes: a part before the last is P bytes itself; the last is the remainder, so <c>P = (S - L)/(N-1)</c>,
    /// which must be a whole number. The error names the size or sizes the part may have.
    /// </summary>
    public static PartSizeResult PartSizeFor(long fileSize, int parts, int partNumber, long length)
    {
        var (min, max) = PartSizeRange(fileSize, parts);
        if (parts == 1)
        {
            return length == fileSize ? PartSizeResult.Ok(fileSize) : PartSizeResult.Fail(fileSize, $"Part 1 is the whole file: it must be exactly {fileSize} bytes");
        }
        if (partNumber < parts)
        {
            return length >= min && length <= max
                ? PartSizeResult.Ok(length)
                : PartSizeResult.Fail(length < min ? min : max,
                    $"Part {partNumber} is not the last of {parts}, so it is the part size P of this upload: P must be between {min} and {max} bytes "
                    + $"for {fileSize} bytes in {parts} parts (at least 5 MiB, and the last part carries the rest)");
        }
        var rest = fileSize - length;
        if (length > 0 && rest % (parts - 1) == 0 && rest / (parts - 1) is var implied && implied >= min && implied <= max && length <= implied)
        {
            return PartSizeResult.Ok(implied);
        }
        // The nearest part size to what the client seems to use, and the last part that goes with it.
        var guess = Math.Clamp(length > 0 ? rest / (parts - 1) : min, min, max);
        var expected = fileSize - ((parts - 1) * guess);
        return PartSizeResult.Fail(expected,
            $"Part {partNumber} is the last of {parts}: it carries what the other parts leave, {fileSize} - {parts - 1}·P bytes for their part size P "
            + $"(P between {min} and {max}), e.g. {expected} bytes after parts of {guess} bytes");
    }

    /// <summary>
    /// Checks parts a store lists (clients PUT them to the store unchecked): the part size the first fitting
    /// part implies, and every part number that is absent or does not fit that size.
    /// </summary>
    public static PartFit Fit(long fileSize, int parts, IReadOnlyList<PartRecord> listed)
    {
        var sizes = new Dictionary<int, long>();
        foreach (var part in listed)
        {
            if (part.Number >= 1 && part.Number <= parts)
            {
                sizes[part.Number] = part.Size;
            }
        }
        long? partSize = null;
        foreach (var (number, size) in sizes.OrderBy(p => p.Key))
        {
            if (PartSizeFor(fileSize, parts, number, size).PartSize is { } implied)
            {
                partSize = implied;
                break;
            }
        }
        var plan = partSize is { } p ? new PartPlan(fileSize, parts, p) : null;
        var unfit = Enumerable.Range(1, parts)
            .Where(n => !sizes.TryGetValue(n, out var size) || plan is null || size != plan.SizeOf(n))
            .ToList();
        return new PartFit(plan, unfit);
    }

    /// <summary>The largest part count whose non-last parts can all be at least 5 MiB.</summary>
    public static int MaxPartsFor(long fileSize) =>
        (int)Math.Clamp((fileSize + MinPartSize - 1) / MinPartSize, 1, MaxParts);

    /// <summary>The smallest part count whose parts are all at most 5 GiB.</summary>
    public static int MinPartsFor(long fileSize) =>
        (int)Math.Clamp((fileSize + MaxPartSize - 1) / MaxPartSize, 1, MaxParts);
}

/// <summary>The part size a part implies, or the size it should have had (<paramref name="Expected"/>) and why.</summary>
public readonly record struct PartSizeResult(long? PartSize, long Expected, string? Error)
{
    public static PartSizeResult Ok(long partSize) => new(partSize, 0, null);

    public static PartSizeResult Fail(long expected, string error) => new(null, expected, error);
}

/// <summary>The plan that listed parts fit (null when none does) and the part numbers absent or of the wrong size.</summary>
public sealed record PartFit(PartPlan? Plan, IReadOnlyList<int> Unfit);
