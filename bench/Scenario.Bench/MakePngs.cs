using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Scenario.Bench;

/// <summary>
/// Case 8's files: COUNT real PNGs of about BYTES each (8-bit RGB, random pixels, so nothing compresses and
/// each file is different), written with a correct zlib stream and CRCs so the service's inspector takes them
/// as the images they are. Prints the seconds it took.
/// </summary>
internal static class MakePngs
{
    private const int Width = 256;

    public static int Run(string directory, int count, int bytes)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        var rowBytes = 1 + Width * 3; // a filter byte (0: none) then the row's pixels
        var height = Math.Max(1, bytes / rowBytes);
        var raw = new byte[rowBytes * height];
        var random = new Random(18);
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(raw);
            for (var row = 0; row < height; row++)
            {
                raw[row * rowBytes] = 0;
            }
            File.WriteAllBytes(Path.Combine(directory, $"img{i:D5}.png"), Png(Width, height, raw));
        }
        Console.WriteLine(Seconds.Of(watch));
        return 0;
    }

    private static byte[] Png(int width, int height, byte[] raw)
    {
        using var file = new MemoryStream(raw.Length + 1024);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        Chunk(file, "IHDR", header);
        using var pixels = new MemoryStream(raw.Length + 1024);
        using (var zlib = new ZLibStream(pixels, CompressionLevel.NoCompression, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        Chunk(file, "IDAT", pixels.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        file.Write(sum);
    }
}
