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
    private const int MaxDirectoryBytes = 16 * 1024 * 1024;

    /// <summary>The entries in directory order, or null when the directory cannot be found or read.</summary>
    public static async ValueTask<IReadOnlyList<ZipEntry>?> ReadAsync(ContentReader reader)
    {
        var tailLength = (int)Math.Min(reader.Length, 65_557);
        var tail = await reader.ReadUpToAsync(reader.Length - tailLength, tailLength);
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory)
            {
                continue;
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
        return null;
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
