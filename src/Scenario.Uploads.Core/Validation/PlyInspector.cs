using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// PLY (Stanford polygon files): a text header from <c>ply</c> to <c>end_header</c> naming the encoding
/// and the elements. For binary files whose vertices have fixed-size properties, the vertex block
/// must fit in the file, which catches a cut download.
/// </summary>
internal static class PlyInspector
{
    private static readonly Dictionary<string, int> Sizes = new()
    {
        ["char"] = 1, ["uchar"] = 1, ["int8"] = 1, ["uint8"] = 1, ["short"] = 2, ["ushort"] = 2, ["int16"] = 2, ["uint16"] = 2,
        ["int"] = 4, ["uint"] = 4, ["int32"] = 4, ["uint32"] = 4, ["float"] = 4, ["float32"] = 4, ["double"] = 8, ["float64"] = 8,
    };

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = (await reader.HeadAsync()).Span;
        if (!head.StartsWith("ply\n"u8) && !head.StartsWith("ply\r\n"u8))
        {
            return null;
        }
        var end = head.IndexOf("end_header"u8);
        if (end < 0)
        {
            return Ply(FileInspection.Invalid("The PLY file's header has no end_header line: the file is truncated or not a PLY model.", "ply"));
        }
        var headerEnd = head[end..].IndexOf((byte)'\n') is var newline and >= 0 ? end + newline + 1 : head.Length;
        var lines = Encoding.ASCII.GetString(head[..end]).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var encoding = lines.FirstOrDefault(l => l.StartsWith("format ", StringComparison.Ordinal))?.Split(' ') is [_, var e, _] ? e : null;
        if (encoding is not ("ascii" or "binary_little_endian" or "binary_big_endian"))
        {
            return Ply(FileInspection.Invalid("The PLY header has no valid format line (ascii, binary_little_endian or binary_big_endian 1.0).", "ply"));
        }
        var (vertices, faces, vertexSize) = Elements(lines);
        if (encoding != "ascii" && vertexSize is { } size && headerEnd + vertices * size > reader.Length)
        {
            return Ply(FileInspection.Invalid(
                $"The PLY file is truncated: its {vertices} vertices need {vertices * size} bytes after the header, but the file ends before that.", "ply"));
        }
        return Ply(FileInspection.Valid("ply", FormatNames.MimeOf("ply"), new JsonObject
        {
            ["encoding"] = encoding,
            ["vertices"] = vertices,
            ["faces"] = faces,
        }));
    }

    /// <summary>Vertex and face counts, and the size of one vertex when every property of it is a fixed-size scalar.</summary>
    private static (long Vertices, long Faces, long? VertexSize) Elements(string[] lines)
    {
        long vertices = 0, faces = 0;
        long? vertexSize = null;
        string? current = null;
        foreach (var parts in lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (parts is ["element", var name, var countText] && long.TryParse(countText, out var count) && count >= 0)
            {
                current = name;
                vertices = name == "vertex" ? count : vertices;
                faces = name == "face" ? count : faces;
                vertexSize = name == "vertex" ? 0 : vertexSize;
            }
            else if (parts is ["property", ..] && current == "vertex" && vertexSize is { } sum)
            {
                vertexSize = parts is [_, var type, _] && Sizes.TryGetValue(type, out var size) ? sum + size : null;
            }
        }
        return (vertices, faces, vertexSize);
    }

    private static Detection Ply(FileInspection inspection) => Detection.Of(FormatNames.ThreeD, "a PLY model", inspection);
}
