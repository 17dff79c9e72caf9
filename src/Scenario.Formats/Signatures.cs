using System.Buffers.Binary;

namespace Scenario.Formats;

/// <summary>The magic bytes that identify a format at the start of a file; the service's inspectors and the SDK's sniffer both test these.</summary>
public static class Signatures
{
    private static ReadOnlySpan<byte> Ebml => [0x1A, 0x45, 0xDF, 0xA3];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>PNG: the eight-byte signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> head) => head.StartsWith(Png);

    /// <summary>JPEG: SOI followed by a marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    /// <summary>WebP: a RIFF container of form WEBP.</summary>
    public static bool IsWebP(ReadOnlySpan<byte> head) => IsRiff(head, "WEBP"u8);

    /// <summary>GIF: GIF87a or GIF89a.</summary>
    public static bool IsGif(ReadOnlySpan<byte> head) => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8);

    /// <summary>WAV: a RIFF container of form WAVE.</summary>
    public static bool IsWav(ReadOnlySpan<byte> head) => IsRiff(head, "WAVE"u8);

    /// <summary>FLAC: the fLaC stream marker.</summary>
    public static bool IsFlac(ReadOnlySpan<byte> head) => head.StartsWith("fLaC"u8);

    /// <summary>Ogg: the first page's capture pattern.</summary>
    public static bool IsOgg(ReadOnlySpan<byte> head) => head.StartsWith("OggS"u8);

    /// <summary>MP3 with an ID3v2 tag (MP3 without one is recognised by its frames, which takes more than a signature).</summary>
    public static bool HasId3(ReadOnlySpan<byte> head) => head.StartsWith("ID3"u8);

    /// <summary>GLB: the binary glTF magic.</summary>
    public static bool IsGlb(ReadOnlySpan<byte> head) => head.StartsWith("glTF"u8);

    /// <summary>
    /// Safetensors: the header is JSON right after its little-endian length, so byte 8 is '{'; that and a sane length
    /// identify the format.
    /// </summary>
    public static bool IsSafetensors(ReadOnlySpan<byte> head, out long headerLength)
    {
        headerLength = 0;
        if (head.Length < 9 || head[8] != (byte)'{')
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt64LittleEndian(head);
        if (length < 2 || length > long.MaxValue)
        {
            return false;
        }
        headerLength = (long)length;
        return true;
    }

    /// <summary>
    /// Whether the content could be one of the formats the service recognises by more than a signature (MP4/MOV and
    /// Matroska containers, zips, pickles, FBX, PLY, binary STL, MP3 frames, and text formats such as glTF, OBJ or
    /// ASCII STL). Deliberately loose, a superset of the inspectors' entry conditions: content it lets through is judged
    /// by the service, so a drift here can only make the early check refuse less, never refuse what the service accepts.
    /// </summary>
    public static bool CouldBeAnotherFormat(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length >= 8 && IsoFirstBoxes.Contains(System.Text.Encoding.ASCII.GetString(head.Slice(4, 4))))
        {
            return true;
        }
        if (head.StartsWith(Ebml) || head.StartsWith("PK"u8) || (head.Length >= 2 && head[0] == 0x80)
            || head.StartsWith("Kaydara FBX"u8) || head.StartsWith("ply"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return true;
        }
        if (head.Length >= 84 && 84 + (50L * BinaryPrimitives.ReadUInt32LittleEndian(head[80..])) == length)
        {
            return true;
        }
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                return false;
            }
        }
        return true; // text: it could be a glTF, an OBJ, an ASCII STL or FBX
    }

    private static readonly string[] IsoFirstBoxes = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"];

    private static bool IsRiff(ReadOnlySpan<byte> head, ReadOnlySpan<byte> form) =>
        head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual(form);
}
