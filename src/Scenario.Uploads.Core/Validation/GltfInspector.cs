using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>Recognises GLB (binary glTF 2.0) and glTF JSON, checking the chunk layout and the JSON's asset.version.</summary>
internal static class GltfInspector
{
    public const int MaxJsonBytes = 64 * 1024 * 1024;

    private const uint JsonChunk = 0x4E4F534A;
    private const uint BinChunk = 0x004E4942;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (Signatures.IsGlb(head.Span))
        {
            return Detection.Of(FormatNames.ThreeD, FormatNames.Describe("glb")!, await InspectGlbAsync(reader, head));
        }

        var start = FirstNonWhitespace(head.Span);
        if (start >= 0 && head.Span[start] == (byte)'{')
        {
            return await InspectJsonAsync(reader);
        }

        return null;
    }

    private static async ValueTask<FileInspection> InspectGlbAsync(ContentReader reader, ReadOnlyMemory<byte> head)
    {
        if (head.Length < 20)
        {
            return Invalid("The GLB file is truncated: it ends inside its header. Upload the complete file.");
        }

        var h = head.Span;
        var version = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        if (version != 2)
        {
            return Invalid($"The GLB file is glTF version {version}; only glTF 2.0 is supported. Export it again as glTF 2.0.");
        }

        var declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
        if (declared > reader.Length)
        {
            return Invalid($"The GLB file is truncated: its header says {declared} bytes but the file has {reader.Length}. Upload the complete file.");
        }

        if (declared != reader.Length)
        {
            return Invalid($"The GLB file's header says {declared} bytes but the file has {reader.Length}; the file is damaged. Export it again.");
        }

        var jsonLength = (long)BinaryPrimitives.ReadUInt32LittleEndian(h[12..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(h[16..]) != JsonChunk)
        {
            return Invalid("The GLB file's first chunk is not its JSON description; the file is damaged. Export it again.");
        }

        if (jsonLength == 0 || 20 + jsonLength > declared)
        {
            return Invalid("The GLB file's JSON chunk runs past the end of the file; the file is truncated or damaged.");
        }

        if (jsonLength > MaxJsonBytes)
        {
            return Invalid($"The GLB file's JSON description is larger than {MaxJsonBytes / (1024 * 1024)} MiB, which is not supported.");
        }

        var json = await reader.ReadExactAsync(20, (int)jsonLength);
        var result = ParseGltf(json!, "glb");
        var binStart = 20 + jsonLength;
        if (result.IsValid && binStart + 8 <= declared)
        {
            var bin = await reader.ReadExactAsync(binStart, 8);
            var binLength = (long)BinaryPrimitives.ReadUInt32LittleEndian(bin);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bin.AsSpan(4)) == BinChunk && binStart + 8 + binLength > declared)
            {
                return Invalid("The GLB file's binary chunk runs past the end of the file; the file is truncated or damaged.");
            }

            result.Metadata["binaryBytes"] = binLength;
        }

        return result;
    }

    private static async ValueTask<Detection> InspectJsonAsync(ContentReader reader)
    {
        if (reader.Length > MaxJsonBytes)
        {
            return Detection.Of(FormatNames.ThreeD, "a glTF model", FileInspection.Invalid(
                $"The glTF file is larger than {MaxJsonBytes / (1024 * 1024)} MiB; pack it as a GLB file, with buffers in the binary chunk, and upload that.", "gltf"));
        }

        var bytes = await reader.ReadUpToAsync(0, (int)reader.Length);
        var result = ParseGltf(bytes.AsSpan().StartsWith(Utf8Bom) ? bytes[3..] : bytes, "gltf");
        return Detection.Of(FormatNames.ThreeD, result.IsValid ? "a glTF model" : "a JSON document that is not glTF", result);
    }

    /// <summary>Parses the glTF JSON; a document without asset.version is not glTF (then Format is left null).</summary>
    private static FileInspection ParseGltf(byte[] json, string format)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            return FileInspection.Invalid(
                $"The {format.ToUpperInvariant()} file's JSON is not valid (line {e.LineNumber + 1}); export the model again.", format == "glb" ? format : null);
        }

        if (root is not JsonObject obj || obj["asset"] is not JsonObject asset || asset["version"] is not JsonValue version
            || version.GetValueKind() != JsonValueKind.String)
        {
            return FileInspection.Invalid(
                "The JSON has no \"asset\" object with a \"version\", so it is not a glTF model. Export the model as glTF 2.0 or GLB.",
                format == "glb" ? format : null);
        }

        var metadata = new JsonObject { ["gltfVersion"] = version.GetValue<string>() };
        if (asset["generator"] is JsonValue generator && generator.GetValueKind() == JsonValueKind.String)
        {
            metadata["generator"] = generator.GetValue<string>();
        }

        foreach (var name in new[] { "meshes", "nodes", "materials", "textures", "animations" })
        {
            metadata[name] = obj[name] is JsonArray array ? array.Count : 0;
        }

        return FileInspection.Valid(format, FormatNames.MimeOf(format), metadata);
    }

    private static FileInspection Invalid(string message) => FileInspection.Invalid(message, "glb");

    private static int FirstNonWhitespace(ReadOnlySpan<byte> head)
    {
        var i = head.StartsWith(Utf8Bom) ? 3 : 0; // UTF-8 byte order mark
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < head.Length ? i : -1;
    }
}
