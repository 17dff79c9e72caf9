namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>An MP4 file (brand isom) with one video track; the media data is a stub.</summary>
    public static byte[] Mp4(double seconds = 2, int width = 320, int height = 240) =>
        IsoMedia("isom", ["isom", "iso2", "avc1", "mp41"], "vide", seconds, width, height);

    /// <summary>A QuickTime file (brand "qt  ") with one video track.</summary>
    public static byte[] Mov(double seconds = 2, int width = 320, int height = 240) =>
        IsoMedia("qt  ", ["qt  "], "vide", seconds, width, height);

    /// <summary>A WebM header: EBML with DocType webm, then a Segment with Info (duration) and one video track.</summary>
    public static byte[] WebM(double seconds = 2, int width = 320, int height = 240)
    {
        var header = Ebml(0x1A45DFA3,
            Ebml(0x4286, [1]), Ebml(0x42F7, [1]), Ebml(0x42F2, [4]), Ebml(0x42F3, [8]),
            Ebml(0x4282, "webm"u8.ToArray()), Ebml(0x4287, [4]), Ebml(0x4285, [2]));
        var duration = BitConverter.GetBytes(seconds * 1000);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(duration);
        }

        var info = Ebml(0x1549A966, Ebml(0x2AD7B1, [0x0F, 0x42, 0x40]), Ebml(0x4489, duration));
        var video = Ebml(0xE0, Ebml(0xB0, [(byte)(width >> 8), (byte)width]), Ebml(0xBA, [(byte)(height >> 8), (byte)height]));
        var tracks = Ebml(0x1654AE6B, Ebml(0xAE, Ebml(0xD7, [1]), Ebml(0x83, [1]), Ebml(0x86, "V_VP9"u8.ToArray()), video));
        var cluster = Ebml(0x1F43B675, Ebml(0xE7, [0]));
        return [.. header, .. Ebml(0x18538067, info, tracks, cluster)];
    }

    private static byte[] IsoMedia(string brand, string[] compatible, string handler, double seconds, int width, int height)
    {
        var ftyp = new ByteBuilder().Ascii(brand).U32BE(0x200);
        foreach (var c in compatible)
        {
            ftyp.Ascii(c);
        }

        const uint timescale = 1000;
        var mvhd = new ByteBuilder().U32BE(0).U32BE(0).U32BE(0).U32BE(timescale).U32BE((uint)(seconds * timescale))
            .U32BE(0x00010000).U16BE(0x0100).Zeros(10).Bytes(IdentityMatrix()).Zeros(24).U32BE(2).ToArray();
        var tkhd = new ByteBuilder().U32BE(3).U32BE(0).U32BE(0).U32BE(1).U32BE(0).U32BE((uint)(seconds * timescale))
            .Zeros(8).U16BE(0).U16BE(0).U16BE(handler == "soun" ? 0x0100 : 0).U16BE(0).Bytes(IdentityMatrix())
            .U32BE((uint)width << 16).U32BE((uint)height << 16).ToArray();
        var hdlr = new ByteBuilder().U32BE(0).U32BE(0).Ascii(handler).Zeros(12).U8(0).ToArray();
        var trak = Box("trak", Box("tkhd", tkhd), Box("mdia", Box("hdlr", hdlr)));
        return [.. Box("ftyp", ftyp.ToArray()), .. Box("moov", Box("mvhd", mvhd), trak), .. Box("mdat", new byte[16])];
    }

    private static byte[] IdentityMatrix() => new ByteBuilder()
        .U32BE(0x00010000).U32BE(0).U32BE(0).U32BE(0).U32BE(0x00010000).U32BE(0).U32BE(0).U32BE(0).U32BE(0x40000000)
        .ToArray();

    private static byte[] Box(string type, params byte[][] children)
    {
        var size = 8 + children.Sum(c => c.Length);
        var b = new ByteBuilder().U32BE((uint)size).Ascii(type);
        foreach (var child in children)
        {
            b.Bytes(child);
        }

        return b.ToArray();
    }

    /// <summary>An EBML element: its ID bytes as written, an 8-byte size, then the children or payload.</summary>
    private static byte[] Ebml(uint id, params byte[][] children)
    {
        var b = new ByteBuilder();
        var idBytes = BitConverter.GetBytes(id).Reverse().SkipWhile(x => x == 0).ToArray();
        b.Bytes(idBytes);
        var size = children.Sum(c => c.Length);
        b.U8(0x01).U8(0).U16BE(0).U32BE((uint)size); // 8-byte vint: marker 0x01 then 56 bits of size
        foreach (var child in children)
        {
            b.Bytes(child);
        }

        return b.ToArray();
    }
}
