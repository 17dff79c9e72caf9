using System.IO.Compression;

namespace Scenario.Uploads.Validation;

/// <summary>
/// What a zip's entries declare they expand to, and the first entry whose declared compression ratio marks a zip bomb:
/// the one bomb rule of every zip format, judged from the central directory without inflating a byte.
/// </summary>
internal readonly record struct ZipDeclaredSizes(Int128 Expanded, ZipArchiveEntry? Bomb)
{
    /// <summary>Deflate compresses real assets a few times at best; a thousandfold ratio is a bomb.</summary>
    public const int MaxRatio = 1000;

    /// <summary>Sums and checks the entries. ZIP64 sizes are 64-bit and hostile ones near the limit, so nothing here can overflow.</summary>
    public static ZipDeclaredSizes Of(IEnumerable<ZipArchiveEntry> entries)
    {
        var expanded = Int128.Zero;
        ZipArchiveEntry? bomb = null;
        foreach (var entry in entries)
        {
            expanded += entry.Length;
            if (bomb is null && entry.Length > ((Int128)entry.CompressedLength + 1) * MaxRatio)
            {
                bomb = entry;
            }
        }
        return new ZipDeclaredSizes(expanded, bomb);
    }

    /// <summary>Whether the archive declares more than <paramref name="maxExpandedBytes"/> in total, or holds a bomb entry.</summary>
    public bool IsBomb(long maxExpandedBytes) => Expanded > maxExpandedBytes || Bomb is not null;
}
