using System.Buffers.Binary;
using System.IO.Compression;

namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>A zip of the given entries as ZipArchive writes it; NoCompression stores them, any other level deflates them.</summary>
    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>A LoRA packaged as Scenario's older guide does: a zip holding the one .safetensors file.</summary>
    public static byte[] ZippedSafetensors(CompressionLevel level = CompressionLevel.Optimal) =>
        Zip(level, ("lora.safetensors", SafetensorsLora()));

    /// <summary>Sets bit 0 of the general-purpose flags (encrypted) on every entry, in its local and central headers.</summary>
    public static byte[] WithZipEntriesEncrypted(byte[] zip) => PatchZipEntries(zip, (local, central) =>
    {
        local[6] |= 1;
        central[8] |= 1;
    });

    /// <summary>Makes every entry declare <paramref name="uncompressedSize"/> bytes once inflated, as a zip bomb's headers do.</summary>
    public static byte[] WithZipEntriesDeclaring(byte[] zip, uint uncompressedSize) => PatchZipEntries(zip, (local, central) =>
    {
        BinaryPrimitives.WriteUInt32LittleEndian(local[22..], uncompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(central[24..], uncompressedSize);
    });

    /// <summary>Where an entry's data starts: after its local header, name and extra field.</summary>
    public static int ZipEntryDataOffset(byte[] zip, int entry = 0)
    {
        var local = ZipEntryHeaders(zip)[entry].Local;
        return local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
    }

    private static byte[] PatchZipEntries(byte[] zip, ZipHeaderPatch patch)
    {
        var patched = (byte[])zip.Clone();
        foreach (var (local, central) in ZipEntryHeaders(patched))
        {
            patch(patched.AsSpan(local), patched.AsSpan(central));
        }

        return patched;
    }

    /// <summary>Each entry's local and central header offsets, from the end record, which ZipArchive writes without a comment.</summary>
    private static List<(int Local, int Central)> ZipEntryHeaders(byte[] zip)
    {
        var end = zip.Length - 22;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        var headers = new List<(int, int)>();
        for (var n = 0; n < count; n++)
        {
            headers.Add(((int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42)), at));
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
        }

        return headers;
    }

    private delegate void ZipHeaderPatch(Span<byte> local, Span<byte> central);
}
