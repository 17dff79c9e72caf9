using System.IO.Compression;
using System.Text;

namespace Scenario.Testing;

/// <summary>Small valid image files built in code, so no binary fixtures live in the repository.</summary>
public static partial class TestFiles
{
    /// <summary>A decodable RGB PNG filled with a gradient.</summary>
    public static byte[] Png(int width = 4, int height = 3)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter type None for every scanline
            for (var x = 0; x < width; x++)
            {
                raw.Write([(byte)(x * 40), (byte)(y * 60), 128]);
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        return PngWithChunks(width, height, compressed.ToArray(), withEnd: true);
    }

    /// <summary>A PNG whose IHDR claims the given size but holds no image data: a decompression-bomb header.</summary>
    public static byte[] PngHeaderOnly(int width, int height) => PngWithChunks(width, height, idat: null, withEnd: false);

    /// <summary>A minimal baseline JPEG (one grey component, every block flat); headers are exact.</summary>
    public static byte[] Jpeg(int width = 4, int height = 3)
    {
        var b = new ByteBuilder().U16BE(0xFFD8);
        b.U16BE(0xFFE0).U16BE(16).Ascii("JFIF\0").U8(1).U8(1).U8(0).U16BE(1).U16BE(1).U8(0).U8(0);
        b.U16BE(0xFFDB).U16BE(67).U8(0);
        for (var i = 0; i < 64; i++)
        {
            b.U8(1);
        }

        b.U16BE(0xFFC0).U16BE(11).U8(8).U16BE(height).U16BE(width).U8(1).U8(1).U8(0x11).U8(0);
        // One Huffman code of length 1 per table: DC category 0 and AC end-of-block, so each block is two 0 bits.
        var counts = new byte[16];
        counts[0] = 1;
        b.U16BE(0xFFC4).U16BE(2 + 2 * 18).U8(0x00).Bytes(counts).U8(0).U8(0x10).Bytes(counts).U8(0);
        b.U16BE(0xFFDA).U16BE(8).U8(1).U8(1).U8(0x00).U8(0).U8(63).U8(0);
        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        var bits = blocks * 2;
        var entropy = new byte[(bits + 7) / 8];
        if (bits % 8 != 0)
        {
            entropy[^1] = (byte)(0xFF >> (bits % 8)); // pad the last byte with 1 bits, as the standard asks
        }

        return b.Bytes(entropy).U16BE(0xFFD9).ToArray();
    }

    /// <summary>A lossless (VP8L) WebP header; the image data after it is a stub.</summary>
    public static byte[] WebP(int width = 4, int height = 3)
    {
        // VP8L: signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version 0.
        var packed = (uint)(width - 1) | ((uint)(height - 1) << 14);
        var payload = new ByteBuilder().U8(0x2F).U32LE(packed).Zeros(5).ToArray();
        var chunkSize = payload.Length; // 10: even, so no padding byte
        return new ByteBuilder().Ascii("RIFF").U32LE((uint)(4 + 8 + chunkSize)).Ascii("WEBP")
            .Ascii("VP8L").U32LE((uint)chunkSize).Bytes(payload).ToArray();
    }

    /// <summary>A decodable GIF89a with a two-colour palette, every pixel colour 0.</summary>
    public static byte[] Gif(int width = 4, int height = 3)
    {
        var b = new ByteBuilder().Ascii("GIF89a").U16LE(width).U16LE(height).U8(0x80).U8(0).U8(0);
        b.Bytes([0, 0, 0, 255, 255, 255]);
        b.U8(0x2C).U16LE(0).U16LE(0).U16LE(width).U16LE(height).U8(0);
        // LZW with minimum code size 2: a clear code (4) before every pixel keeps codes 3 bits wide.
        var codes = new List<int>();
        for (var i = 0; i < width * height; i++)
        {
            codes.Add(4);
            codes.Add(0);
        }

        codes.Add(5);
        var data = PackLsbFirst(codes, 3);
        b.U8(2);
        for (var offset = 0; offset < data.Length; offset += 255)
        {
            var size = Math.Min(255, data.Length - offset);
            b.U8(size).Bytes(data.AsSpan(offset, size));
        }

        return b.U8(0).U8(0x3B).ToArray();
    }

    private static byte[] PngWithChunks(int width, int height, byte[]? idat, bool withEnd)
    {
        var b = new ByteBuilder().Bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new ByteBuilder().U32BE((uint)width).U32BE((uint)height).U8(8).U8(2).U8(0).U8(0).U8(0).ToArray();
        PngChunk(b, "IHDR", ihdr);
        if (idat is not null)
        {
            PngChunk(b, "IDAT", idat);
        }

        if (withEnd)
        {
            PngChunk(b, "IEND", []);
        }

        return b.ToArray();
    }

    private static void PngChunk(ByteBuilder b, string type, byte[] data)
    {
        var typed = new ByteBuilder().Ascii(type).Bytes(data).ToArray();
        b.U32BE((uint)data.Length).Bytes(typed).U32BE(Checksums.PngCrc(typed));
    }

    private static byte[] PackLsbFirst(List<int> codes, int width)
    {
        var output = new List<byte>();
        int accumulator = 0, count = 0;
        foreach (var code in codes)
        {
            accumulator |= code << count;
            count += width;
            while (count >= 8)
            {
                output.Add((byte)accumulator);
                accumulator >>= 8;
                count -= 8;
            }
        }

        if (count > 0)
        {
            output.Add((byte)accumulator);
        }

        return [.. output];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
