using System.Buffers.Binary;
using System.Text;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Reads a zip's central directory (names, methods, declared sizes) without inflating anything, so
/// an archive can be judged, zip bombs included, by what it declares.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfCentralDirectory = 0x06054B50;
    private const uint CentralDirectoryEntry = 0x02014B50;
    private const uint Zip64EndOfCentralDirectory = 0x06064B50;
    private const uint Zip64EndLocator = 0x07064B50;

    /// <summary>Room for hundreds of thousands of entries; more is not a real archive of this service's formats.</summary>
    public const int MaxDirectoryBytes = 16 * 1024 * 1024;

    /// <summary>The entries in directory order, or null when the directory cannot be found or read.</summary>
    public static async ValueTask<IReadOnlyList<ZipEntry>?> ReadAsync(ContentReader reader)
    {
        var (tail, i) = await FindEndAsync(reader);
        if (i < 0)
        {
            return null;
        }
        var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
        if (size > MaxDirectoryBytes || offset + (long)size > reader.Length)
        {
            return null;
        }
        var directory = await reader.ReadExactAsync(offset, (int)size);
        return directory is null ? null : Parse(directory, count);
    }

    /// <summary>
    /// The central directory's declared size, following a ZIP64 end record when there is one, or null when no end
    /// record is found. A reader that loads the whole directory (ZipArchive does) can refuse an oversized one first.
    /// </summary>
    public static async ValueTask<ulong?> DirectorySizeAsync(ContentReader reader)
    {
        var (tail, i) = await FindEndAsync(reader);
        if (i < 0)
        {
            return null;
        }
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
        if (size != uint.MaxValue)
        {
            return size;
        }
        // ZIP64: a 20-byte locator just before the end record gives the offset of the ZIP64 end record, whose size is at +40.
        if (i < 20 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i - 20)) != Zip64EndLocator)
        {
            return null;
        }
        var recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(i - 12));
        var record = recordOffset > long.MaxValue ? null : await reader.ReadExactAsync((long)recordOffset, 56);
        return record is null || BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfCentralDirectory
            ? null
            : BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
    }

    /// <summary>The last 64 KiB + 22 bytes (where the end record must be) and the record's index in them, or -1.</summary>
    private static async ValueTask<(byte[] Tail, int Index)> FindEndAsync(ContentReader reader)
    {
        var tailLength = (int)Math.Min(reader.Length, 65_557);
        var tail = await reader.ReadUpToAsync(reader.Length - tailLength, tailLength);
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectory)
            {
                return (tail, i);
            }
        }
        return (tail, -1);
    }

    private static List<ZipEntry>? Parse(byte[] directory, int count)
    {
        var entries = new List<ZipEntry>(count);
        var position = 0;
        for (var n = 0; n < count; n++)
        {
            if (position + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(position)) != CentralDirectoryEntry)
            {
                return null;
            }
            var entry = directory.AsSpan(position);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[32..]);
            if (position + 46 + nameLength > directory.Length)
            {
                return null;
            }
            entries.Add(new ZipEntry(
                Encoding.UTF8.GetString(entry.Slice(46, nameLength)),
                BinaryPrimitives.ReadUInt16LittleEndian(entry[10..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[24..])));
            position += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }
}

/// <summary>One central-directory entry: name, compression method (0 stored, 8 deflate) and declared sizes.</summary>
internal sealed record ZipEntry(string Name, int Method, long CompressedSize, long UncompressedSize)
{
    /// <summary>0xFFFFFFFF in either size means the real one is in a ZIP64 extra field.</summary>
    public bool IsZip64 => CompressedSize == uint.MaxValue || UncompressedSize == uint.MaxValue;
}
