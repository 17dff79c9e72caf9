using System.IO.Compression;

namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>
    /// A decodable RGB PNG of noise, 1024 pixels wide and as tall as makes about <paramref name="size"/> bytes (at
    /// least one row): noise does not compress, so the file is its pixels, and no two chunks of it are alike. For
    /// uploads of kind image that must be several MiB, as resumable clients cut them into chunks.
    /// </summary>
    public static byte[] NoisyPng(int size, int seed)
    {
        const int width = 1024;
        const int row = 1 + width * 3;
        var height = Math.Max(1, size / row);
        var raw = new byte[row * height];
        new Random(seed).NextBytes(raw);
        for (var y = 0; y < height; y++)
        {
            raw[y * row] = 0; // filter type None for every scanline
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return PngWithChunks(width, height, compressed.ToArray(), withEnd: true);
    }
}
