using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>Files on disk for the browser to pick, and their SHA-256 to compare with what the service stored.</summary>
public sealed class BrowserFiles : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    public string Path(string name) => System.IO.Path.Combine(_directory, name);

    public string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path(name), bytes);
        return Path(name);
    }

    public string WriteRandom(string name, long size, int seed)
    {
        TestFiles.WriteLargeFile(Path(name), size, seed);
        return Path(name);
    }

    /// <summary>
    /// A valid PNG of <paramref name="size"/> bytes: a small image, then a private ancillary chunk
    /// (<c>prVt</c>, which decoders skip) of random bytes with its correct CRC, then IEND.
    /// </summary>
    public string WriteLargePng(string name, long size, int seed)
    {
        var image = TestFiles.Png(64, 48);
        const int iendLength = 12;
        var payload = size - image.Length - 12;
        using (var file = File.Create(Path(name)))
        {
            file.Write(image, 0, image.Length - iendLength);
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, checked((uint)payload));
            "prVt"u8.CopyTo(header[4..]);
            file.Write(header);
            var crc = new Crc32();
            crc.Append("prVt"u8);
            var random = new Random(seed);
            var block = new byte[1024 * 1024];
            for (var left = payload; left > 0; left -= block.Length)
            {
                var n = (int)Math.Min(block.Length, left);
                random.NextBytes(block.AsSpan(0, n));
                crc.Append(block.AsSpan(0, n));
                file.Write(block, 0, n);
            }
            Span<byte> checksum = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(checksum, crc.GetCurrentHashAsUInt32());
            file.Write(checksum);
            file.Write(image, image.Length - iendLength, iendLength);
        }
        return Path(name);
    }

    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    public void Dispose() => TempDirectory.TryDelete(_directory);
}
