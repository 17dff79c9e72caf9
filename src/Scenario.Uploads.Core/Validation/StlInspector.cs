using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// STL has no magic number. A binary STL is an 80-byte header, a triangle count and 50 bytes per
/// triangle, so its length must be exactly 84 + 50 × count; an ASCII STL is text from <c>solid</c>
/// with facets. (Binary headers may also begin with "solid", so the length rule is tried first.)
/// </summary>
internal static class StlInspector
{
    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = (await reader.HeadAsync()).Span;
        if (head.Length >= 84)
        {
            var triangles = BinaryPrimitives.ReadUInt32LittleEndian(head[80..]);
            if (84 + 50L * triangles == reader.Length)
            {
                return Stl(FileInspection.Valid("stl", FormatNames.MimeOf("stl"), new JsonObject { ["encoding"] = "binary", ["triangles"] = triangles }));
            }
        }
        if (!head.StartsWith("solid"u8) || head.Contains((byte)0))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(head);
        if (!text.Contains("facet normal", StringComparison.Ordinal) && !text.Contains("endsolid", StringComparison.Ordinal))
        {
            return null;
        }
        var metadata = new JsonObject { ["encoding"] = "ascii" };
        if (head.Length == reader.Length)
        {
            if (!text.Contains("endsolid", StringComparison.Ordinal))
            {
                return Stl(FileInspection.Invalid("The ASCII STL file is truncated: it has no endsolid line.", "stl"));
            }
            metadata["triangles"] = CountOf(text, "facet normal");
        }
        return Stl(FileInspection.Valid("stl", FormatNames.MimeOf("stl"), metadata));
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static Detection Stl(FileInspection inspection) => Detection.Of(FormatNames.ThreeD, "an STL model", inspection);
}
