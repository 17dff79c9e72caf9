using System.Buffers.Binary;
using System.Text;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Compatibility;

/// <summary>Files of the size real clients send in several parts, made in the test.</summary>
internal static class LargeFiles
{
    /// <summary>
    /// A valid PNG of exactly <paramref name="size"/> bytes: a small image padded by one private ancillary
    /// chunk of random bytes, which decoders skip (as they skip the text and colour-profile chunks of
    /// exported textures).
    /// </summary>
    public static byte[] Png(long size, int seed)
    {
        var image = TestFiles.Png(16, 16);
        const int iendLength = 12;
        const int chunkOverhead = 12;
        var padding = checked((int)(size - image.Length - chunkOverhead));
        var bytes = new byte[size];
        image.AsSpan(0, image.Length - iendLength).CopyTo(bytes);
        var at = image.Length - iendLength;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), padding);
        Encoding.ASCII.GetBytes("prVt").CopyTo(bytes, at + 4);
        new Random(seed).NextBytes(bytes.AsSpan(at + 8, padding));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 8 + padding), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(at + 4, 4 + padding)));
        image.AsSpan(image.Length - iendLength).CopyTo(bytes.AsSpan((int)size - iendLength));
        return bytes;
    }
}
