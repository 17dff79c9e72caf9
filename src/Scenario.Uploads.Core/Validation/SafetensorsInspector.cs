using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Recognises safetensors (8-byte little-endian header length, JSON header, tensor data) and checks that every
/// tensor's byte range matches its dtype and shape and that the ranges tile the data area exactly.
/// </summary>
internal static class SafetensorsInspector
{
    public const long MaxHeaderBytes = 100L * 1024 * 1024;

    private const string NotSafetensors = "The file is not a safetensors file: it does not start with a header length and a JSON header.";

    private const string Truncated = "The safetensors file is truncated: it ends inside its header. Upload the complete file.";

    private static readonly string[] LoraMarkers = ["lora_up", "lora_down", "lora_A", "lora_B", ".alpha"];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (!Signatures.IsSafetensors(head.Span, out var headerLength))
        {
            return null;
        }

        return Detection.Of(FormatNames.Model, FormatNames.Describe("safetensors")!, await InspectAsync(reader, headerLength));
    }

    /// <summary>
    /// Judges a safetensors read front to back, as a zip entry is while it inflates: only the length and the header are
    /// read here; <paramref name="length"/> is what the file declares, so the caller must prove the rest of it is there.
    /// </summary>
    public static async ValueTask<FileInspection> InspectStreamAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        // As for a plain file, the length and the '{' opening the header are what identify the format.
        var prefix = new byte[9];
        if (length < prefix.Length
            || await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken) < prefix.Length
            || prefix[8] != (byte)'{')
        {
            return Invalid(NotSafetensors);
        }

        var declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (declared < 2 || declared > (ulong)long.MaxValue)
        {
            return Invalid(NotSafetensors);
        }

        var headerLength = (long)declared;
        if (CheckHeaderLength(headerLength, length) is { } refused)
        {
            return refused;
        }

        var bytes = new byte[headerLength];
        bytes[0] = prefix[8];
        if (await stream.ReadAtLeastAsync(bytes.AsMemory(1), bytes.Length - 1, throwOnEndOfStream: false, cancellationToken) < bytes.Length - 1)
        {
            return Invalid(Truncated);
        }

        return Judge(bytes, length - 8 - headerLength);
    }

    private static async ValueTask<FileInspection> InspectAsync(ContentReader reader, long headerLength)
    {
        if (CheckHeaderLength(headerLength, reader.Length) is { } refused)
        {
            return refused;
        }

        var bytes = await reader.ReadExactAsync(8, (int)headerLength);
        return Judge(bytes!, reader.Length - 8 - headerLength);
    }

    /// <summary>Null when a header of that length fits; checked before any of it is read, so a huge claim costs nothing.</summary>
    private static FileInspection? CheckHeaderLength(long headerLength, long fileLength)
    {
        if (headerLength > MaxHeaderBytes)
        {
            return Invalid($"The safetensors header is {headerLength} bytes, more than the {MaxHeaderBytes / (1024 * 1024)} MiB allowed; the file is damaged or not a safetensors file.");
        }

        return 8 + headerLength > fileLength ? Invalid(Truncated) : null;
    }

    private static FileInspection Judge(byte[] headerBytes, long dataLength)
    {
        JsonObject header;
        try
        {
            if (JsonNode.Parse(headerBytes) is not JsonObject parsed)
            {
                return Invalid("The safetensors header is not a JSON object; the file is damaged.");
            }

            header = parsed;
        }
        catch (JsonException)
        {
            return Invalid("The safetensors header is not valid JSON; the file is damaged. Save the checkpoint again.");
        }

        return Check(header, dataLength);
    }

    private static FileInspection Check(JsonObject header, long dataLength)
    {
        var tensors = new List<(string Name, long Begin, long End)>();
        var dtypes = new SortedSet<string>(StringComparer.Ordinal);
        long parameters = 0;
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                continue;
            }

            var error = TensorEntry.Read(name, node, out var entry);
            if (error is not null)
            {
                return Invalid(error);
            }

            if (entry.End > dataLength)
            {
                return Invalid($"Tensor \"{name}\" points past the end of the file (byte {entry.End} of {dataLength}); the file is truncated or damaged.");
            }

            tensors.Add((name, entry.Begin, entry.End));
            dtypes.Add(entry.DType);
            parameters += entry.Elements;
        }

        var coverage = CheckCoverage(tensors, dataLength);
        if (coverage is not null)
        {
            return Invalid(coverage);
        }

        var metadata = new JsonObject
        {
            ["tensorCount"] = tensors.Count,
            ["parameterCount"] = parameters,
            ["dtypes"] = new JsonArray([.. dtypes.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["isLora"] = tensors.Any(t => LoraMarkers.Any(m => t.Name.Contains(m, StringComparison.Ordinal))),
        };
        if (header["__metadata__"] is JsonObject userMetadata)
        {
            metadata["metadata"] = userMetadata.DeepClone();
        }

        return FileInspection.Valid("safetensors", FormatNames.MimeOf("safetensors"), metadata);
    }

    /// <summary>Sorted by start, each tensor must begin where the previous ended and the last must end at the data's end.</summary>
    private static string? CheckCoverage(List<(string Name, long Begin, long End)> tensors, long dataLength)
    {
        long position = 0;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin < position)
            {
                return $"Tensor \"{t.Name}\" overlaps another tensor's bytes; the file is damaged. Save the checkpoint again.";
            }

            if (t.Begin > position)
            {
                return $"The safetensors data has a gap before tensor \"{t.Name}\"; the file is damaged. Save the checkpoint again.";
            }

            position = t.End;
        }

        return position == dataLength
            ? null
            : $"The safetensors data area is {dataLength} bytes but its tensors cover {position}; the file is damaged or has trailing bytes.";
    }

    private static FileInspection Invalid(string message) => FileInspection.Invalid(message, "safetensors");
}
