using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Recognises ISO base media files (MP4, M4A, QuickTime MOV) by walking the top-level boxes, and reads
/// duration, track types and video size from the movie header (moov) when it is of reasonable size.
/// </summary>
internal static class IsoMediaInspector
{
    private const int MaxTopLevelBoxes = 10_000;
    private const int MaxMoovBytes = 32 * 1024 * 1024;

    private static readonly string[] AudioBrands = ["M4A ", "M4B ", "M4P ", "F4A ", "F4B "];

    // ISO base media images and camera raws share the container but are not video.
    private static readonly string[] ImageBrands = ["heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis", "crx "];

    private static readonly string[] QuickTimeFirstAtoms = ["moov", "mdat", "wide", "free", "skip", "pnot"];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (head.Length < 8)
        {
            return null;
        }

        var firstType = Encoding.ASCII.GetString(head.Span.Slice(4, 4));
        string? brand = null;
        if (firstType == "ftyp")
        {
            if (head.Length < 12)
            {
                return null;
            }

            brand = Encoding.ASCII.GetString(head.Span.Slice(8, 4));
            if (ImageBrands.Contains(brand))
            {
                return null;
            }
        }
        else if (!QuickTimeFirstAtoms.Contains(firstType))
        {
            return null;
        }

        var walk = await WalkAsync(reader);
        var format = brand is null || brand == "qt  " ? "mov"
            : AudioBrands.Contains(brand) || (walk.Tracks.Contains("soun") && !walk.Tracks.Contains("vide")) ? "m4a"
            : "mp4";
        var (family, description) = format switch
        {
            "m4a" => (FormatNames.Audio, "an MP4 audio file"),
            "mov" => (FormatNames.Video, "a QuickTime (MOV) video"),
            _ => (FormatNames.Video, "an MP4 video"),
        };
        return Detection.Of(family, description, walk.Error is { } error
            ? FileInspection.Invalid(error, format)
            : FileInspection.Valid(format, FormatNames.MimeOf(format), walk.Metadata));
    }

    private static async ValueTask<Walk> WalkAsync(ContentReader reader)
    {
        long offset = 0;
        var sawMoov = false;
        var walk = new Walk();
        for (var i = 0; i < MaxTopLevelBoxes && offset < reader.Length; i++)
        {
            var header = await reader.ReadExactAsync(offset, 16) ?? await reader.ReadExactAsync(offset, 8);
            if (header is null)
            {
                return walk with { Error = Truncated };
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = 8;
            if (size == 1)
            {
                if (header.Length < 16)
                {
                    return walk with { Error = Truncated };
                }

                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), long.MaxValue);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = reader.Length - offset; // the last box runs to the end of the file
            }

            if (size < headerSize)
            {
                return walk with { Error = "The video file's box structure is damaged (a box is smaller than its header). Export it again." };
            }

            if (size > reader.Length - offset)
            {
                return walk with { Error = Truncated };
            }

            if (header.AsSpan(4, 4).SequenceEqual("moov"u8))
            {
                sawMoov = true;
                if (size - headerSize <= MaxMoovBytes)
                {
                    var moov = await reader.ReadExactAsync(offset + headerSize, (int)(size - headerSize));
                    walk = MovieHeader.Read(moov!, walk);
                }
            }

            offset += size;
        }

        return sawMoov ? walk : walk with
        {
            Error = "The file has no movie header (moov box), so it cannot be played; it may be incomplete. Upload the complete file.",
        };
    }

    private const string Truncated =
        "The file is truncated: a box runs past the end of the file. Upload the complete file.";
}

/// <summary>What the top-level walk learned: track handler types, metadata, or why the file is refused.</summary>
internal sealed record Walk
{
    public HashSet<string> Tracks { get; init; } = [];

    public JsonObject Metadata { get; init; } = [];

    public string? Error { get; init; }
}
