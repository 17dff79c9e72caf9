using System.Buffers.Binary;
using System.IO.Compression;

namespace Scenario.Uploads.Validation;

/// <summary>
/// A zip's central directory, read by <see cref="ZipArchive"/> (names, flags, declared sizes, ZIP64 included) without
/// inflating anything. The one thing ZipArchive cannot tell beforehand is how big the directory is: it keeps every entry
/// in memory, so a hostile archive declaring millions of entries must be refused from its end record before it is opened.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfCentralDirectory = 0x06054B50;
    private const uint Zip64EndOfCentralDirectory = 0x06064B50;
    private const uint Zip64EndLocator = 0x07064B50;

    /// <summary>Room for hundreds of thousands of entries; more is not a real archive of this service's formats.</summary>
    public const int MaxDirectoryBytes = 16 * 1024 * 1024;

    /// <summary>Opens the archive for reading: the central directory is read now, entries are inflated only when opened.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a readable zip.</exception>
    public static Task<ZipArchive> OpenAsync(ContentReader reader) =>
        ZipArchive.CreateAsync(reader.OpenStream(), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, reader.CancellationToken);

    /// <summary>
    /// The central directory's declared size, following a ZIP64 end record when there is one, or null when no end
    /// record is found.
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
}
