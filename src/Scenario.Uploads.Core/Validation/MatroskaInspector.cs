using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Recognises WebM and Matroska by the EBML header's DocType, then reads duration, tracks and video size
/// from the Segment's first 64 KiB (Info and Tracks precede the media clusters in practice).
/// </summary>
internal static class MatroskaInspector
{
    private const uint EbmlId = 0x1A45DFA3;
    private const uint DocTypeId = 0x4282;
    private const uint SegmentId = 0x18538067;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (head.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(head.Span) != EbmlId)
        {
            return null;
        }

        var bytes = head.ToArray();
        var header = Ebml.ReadElement(bytes, 0);
        if (header is null || header.Value.DataEnd > bytes.Length)
        {
            return Detection.Of(FormatNames.Video, "a WebM video", FileInspection.Invalid(
                "The WebM/Matroska file is truncated or damaged: its EBML header is incomplete. Upload the complete file.", "webm"));
        }

        string? docType = null;
        foreach (var child in Ebml.Children(bytes, header.Value.DataStart, header.Value.DataEnd))
        {
            if (child.Id == DocTypeId)
            {
                docType = Encoding.ASCII.GetString(bytes, (int)child.DataStart, (int)(child.DataEnd - child.DataStart)).TrimEnd('\0');
            }
        }

        var format = docType switch
        {
            "webm" => "webm",
            "matroska" => "mkv",
            _ => null,
        };
        if (format is null)
        {
            return null; // some other EBML document, not a video container
        }

        var description = format == "webm" ? "a WebM video" : "a Matroska (MKV) video";
        return Detection.Of(FormatNames.Video, description, InspectSegment(reader, bytes, header.Value.DataEnd, format));
    }

    private static FileInspection InspectSegment(ContentReader reader, byte[] bytes, long offset, string format)
    {
        var segment = Ebml.ReadElement(bytes, offset);
        if (segment is null || segment.Value.Id != SegmentId)
        {
            return offset >= reader.Length
                ? FileInspection.Invalid("The video file holds only a header and no content; it is truncated. Upload the complete file.", format)
                : FileInspection.Invalid("The video file has no Segment after its EBML header; the file is damaged.", format);
        }

        if (!segment.Value.UnknownSize && segment.Value.DataEnd > reader.Length)
        {
            return FileInspection.Invalid("The video file is truncated: it is shorter than its header says. Upload the complete file.", format);
        }

        var metadata = new JsonObject();
        var end = Math.Min(segment.Value.DataEnd, bytes.Length);
        var tracks = new HashSet<ulong>();
        ulong timestampScale = 1_000_000;
        double? duration = null;
        foreach (var element in Ebml.Children(bytes, segment.Value.DataStart, end))
        {
            if (element.Id == 0x1549A966)
            {
                foreach (var info in Ebml.Children(bytes, element.DataStart, element.DataEnd))
                {
                    timestampScale = info.Id == 0x2AD7B1 ? Ebml.UInt(bytes, info) : timestampScale;
                    duration = info.Id == 0x4489 ? Ebml.Float(bytes, info) : duration;
                }
            }
            else if (element.Id == 0x1654AE6B)
            {
                ReadTracks(bytes, element, tracks, metadata);
            }
        }

        if (duration is { } d && d > 0)
        {
            metadata["durationSeconds"] = Math.Round(d * timestampScale / 1e9, 3);
        }

        metadata["hasVideo"] = tracks.Contains(1);
        metadata["hasAudio"] = tracks.Contains(2);
        return FileInspection.Valid(format, FormatNames.MimeOf(format), metadata);
    }

    private static void ReadTracks(byte[] bytes, Ebml.Element tracksElement, HashSet<ulong> types, JsonObject metadata)
    {
        foreach (var entry in Ebml.Children(bytes, tracksElement.DataStart, tracksElement.DataEnd))
        {
            foreach (var field in Ebml.Children(bytes, entry.DataStart, entry.DataEnd))
            {
                if (field.Id == 0x83)
                {
                    types.Add(Ebml.UInt(bytes, field));
                }
                else if (field.Id == 0xE0 && metadata["width"] is null)
                {
                    foreach (var video in Ebml.Children(bytes, field.DataStart, field.DataEnd))
                    {
                        if (video.Id is 0xB0 or 0xBA)
                        {
                            metadata[video.Id == 0xB0 ? "width" : "height"] = Ebml.UInt(bytes, video);
                        }
                    }
                }
            }
        }
    }
}
