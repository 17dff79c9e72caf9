using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>Reads an in-memory moov box: duration from mvhd, and per track the handler type and video size.</summary>
internal static class MovieHeader
{
    public static Walk Read(byte[] moov, Walk walk)
    {
        var tracks = new JsonArray();
        foreach (var (type, body) in Children(moov))
        {
            if (type == "mvhd" && body.Length >= 20)
            {
                var v1 = body[0] == 1 && body.Length >= 32;
                var timescale = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(v1 ? 20 : 12));
                var duration = v1 ? BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(24)) : BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16));
                if (timescale > 0)
                {
                    walk.Metadata["durationSeconds"] = Math.Round((double)duration / timescale, 3);
                }
            }
            else if (type == "trak")
            {
                var track = ReadTrack(body);
                if (track["type"]?.GetValue<string>() is { } handler)
                {
                    walk.Tracks.Add(handler);
                }

                tracks.Add(track);
            }
        }

        var video = tracks.OfType<JsonObject>().FirstOrDefault(t => (string?)t["type"] == "vide" && t["width"] is not null);
        if (video is not null)
        {
            walk.Metadata["width"] = video["width"]!.DeepClone();
            walk.Metadata["height"] = video["height"]!.DeepClone();
        }

        walk.Metadata["hasVideo"] = walk.Tracks.Contains("vide");
        walk.Metadata["hasAudio"] = walk.Tracks.Contains("soun");
        return walk;
    }

    private static JsonObject ReadTrack(byte[] trak)
    {
        var track = new JsonObject();
        foreach (var (type, body) in Children(trak))
        {
            if (type == "tkhd" && body.Length >= 84)
            {
                var at = body[0] == 1 ? body.Length - 8 : 76;
                var width = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at)) >> 16;
                var height = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 4)) >> 16;
                if (width > 0 && height > 0)
                {
                    track["width"] = width;
                    track["height"] = height;
                }
            }
            else if (type == "mdia")
            {
                foreach (var (childType, child) in Children(body))
                {
                    if (childType == "hdlr" && child.Length >= 12)
                    {
                        track["type"] = Encoding.ASCII.GetString(child, 8, 4);
                    }
                }
            }
        }

        return track;
    }

    /// <summary>The child boxes of a box body; stops quietly at anything malformed, as this only adds metadata.</summary>
    private static IEnumerable<(string Type, byte[] Body)> Children(byte[] body)
    {
        var offset = 0;
        while (offset + 8 <= body.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset));
            var headerSize = 8;
            if (size == 1 && offset + 16 <= body.Length)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(offset + 8)), int.MaxValue);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = body.Length - offset;
            }

            if (size < headerSize || size > body.Length - offset)
            {
                yield break;
            }

            yield return (Encoding.ASCII.GetString(body, offset + 4, 4), body[(offset + headerSize)..(offset + (int)size)]);
            offset += (int)size;
        }
    }
}
