using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>Recognises FBX (binary or ASCII) and Wavefront OBJ, which has no magic and is judged by its first statements.</summary>
internal static class ThreeDInspector
{
    private const int StatementsToCheck = 20;

    private static readonly HashSet<string> ObjKeywords =
    [
        "v", "vt", "vn", "vp", "f", "l", "p", "o", "g", "s", "mtllib", "usemtl", "usemap", "maplib",
        "cstype", "deg", "bmat", "step", "curv", "curv2", "surf", "parm", "trim", "hole", "scrv", "sp", "end",
        "con", "mg", "lod", "shadow_obj", "trace_obj", "ctech", "stech", "bevel", "c_interp", "d_interp", "call", "csh",
    ];

    private static ReadOnlySpan<byte> FbxBinaryMagic => "Kaydara FBX Binary  \0"u8;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = (await reader.HeadAsync()).Span;
        if (head.StartsWith(FbxBinaryMagic))
        {
            if (head.Length < 27)
            {
                return Fbx(FileInspection.Invalid("The FBX file is truncated: it ends inside its header. Upload the complete file.", "fbx"));
            }

            var version = BinaryPrimitives.ReadUInt32LittleEndian(head[23..]);
            return Fbx(FileInspection.Valid("fbx", FormatNames.MimeOf("fbx"),
                new JsonObject { ["fbxVersion"] = version, ["encoding"] = "binary" }));
        }

        if (head.StartsWith("; FBX"u8))
        {
            var line = Encoding.ASCII.GetString(head[..Math.Min(head.Length, 64)]).Split('\n')[0].Trim();
            return Fbx(FileInspection.Valid("fbx", FormatNames.MimeOf("fbx"),
                new JsonObject { ["encoding"] = "ascii", ["header"] = line }));
        }

        return LooksLikeObj(head, reader.Length, out var metadata)
            ? Detection.Of(FormatNames.ThreeD, "an OBJ model", FileInspection.Valid("obj", FormatNames.MimeOf("obj"), metadata))
            : null;
    }

    private static Detection Fbx(FileInspection inspection) => Detection.Of(FormatNames.ThreeD, "an FBX model", inspection);

    /// <summary>
    /// Text without NUL bytes whose first statements all start with OBJ keywords, with at least one geometry or
    /// object statement. Counts vertices and faces only when the whole file fits in the sample.
    /// </summary>
    private static bool LooksLikeObj(ReadOnlySpan<byte> head, long length, out JsonObject metadata)
    {
        metadata = [];
        if (head.IsEmpty || head.Contains((byte)0))
        {
            return false;
        }

        var whole = head.Length == length;
        // The sample may end inside a multi-byte character; drop the partial last line instead of failing on it.
        var sample = whole ? head : head[..(head.LastIndexOf((byte)'\n') + 1)];
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(sample);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        int checkedStatements = 0, vertices = 0, faces = 0;
        var sawGeometry = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var keyword = line.Split([' ', '\t'], 2)[0];
            if (checkedStatements < StatementsToCheck)
            {
                if (!ObjKeywords.Contains(keyword))
                {
                    return false;
                }

                checkedStatements++;
            }

            sawGeometry |= keyword is "v" or "f" or "o" or "g" or "vt" or "vn";
            vertices += keyword == "v" ? 1 : 0;
            faces += keyword == "f" ? 1 : 0;
        }

        if (checkedStatements == 0 || !sawGeometry)
        {
            return false;
        }

        if (whole)
        {
            metadata["vertices"] = vertices;
            metadata["faces"] = faces;
        }

        return true;
    }
}
