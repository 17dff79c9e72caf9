using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>One tensor of a safetensors header, read and checked against its dtype and shape.</summary>
internal readonly record struct TensorEntry(string DType, long Elements, long Begin, long End)
{
    /// <summary>Bits per element; sub-byte float types exist, so sizes are in bits.</summary>
    private static readonly Dictionary<string, int> DTypeBits = new(StringComparer.Ordinal)
    {
        ["F64"] = 64, ["F32"] = 32, ["F16"] = 16, ["BF16"] = 16,
        ["I64"] = 64, ["I32"] = 32, ["I16"] = 16, ["I8"] = 8,
        ["U64"] = 64, ["U32"] = 32, ["U16"] = 16, ["U8"] = 8,
        ["BOOL"] = 8, ["C64"] = 64,
        ["F8_E4M3"] = 8, ["F8_E5M2"] = 8, ["F8_E8M0"] = 8,
        ["F6_E2M3"] = 6, ["F6_E3M2"] = 6, ["F4"] = 4,
    };

    /// <summary>Returns an error message for the user, or null with <paramref name="entry"/> filled.</summary>
    public static string? Read(string name, JsonNode? node, out TensorEntry entry)
    {
        entry = default;
        if (node is not JsonObject tensor)
        {
            return $"Entry \"{name}\" of the safetensors header is not a tensor description; the file is damaged.";
        }

        if (tensor["dtype"] is not JsonValue dtypeNode || dtypeNode.GetValueKind() != JsonValueKind.String
            || !DTypeBits.TryGetValue(dtypeNode.GetValue<string>(), out var bits))
        {
            return $"Tensor \"{name}\" has a missing or unknown dtype; the file is damaged or uses a type this service does not know.";
        }

        if (tensor["shape"] is not JsonArray shape || !TryElements(shape, out var elements))
        {
            return $"Tensor \"{name}\" has an invalid shape (it must be a list of non-negative integers); the file is damaged.";
        }

        if (tensor["data_offsets"] is not JsonArray { Count: 2 } offsets
            || !TryLong(offsets[0], out var begin) || !TryLong(offsets[1], out var end) || begin > end)
        {
            return $"Tensor \"{name}\" has invalid data_offsets (they must be [begin, end] with begin <= end); the file is damaged.";
        }

        var expectedBits = (Int128)elements * bits;
        if (expectedBits % 8 != 0 || expectedBits / 8 != end - begin)
        {
            return $"Tensor \"{name}\" takes {end - begin} bytes but its shape and dtype need {expectedBits / 8}; the file is damaged.";
        }

        entry = new TensorEntry(dtypeNode.GetValue<string>(), elements, begin, end);
        return null;
    }

    private static bool TryElements(JsonArray shape, out long elements)
    {
        elements = 1;
        foreach (var dimension in shape)
        {
            if (!TryLong(dimension, out var d))
            {
                return false;
            }

            // A product past 2^62 cannot match any real file; treat it as invalid rather than overflow.
            if (d != 0 && elements > (1L << 62) / d)
            {
                return false;
            }

            elements *= d;
        }

        return true;
    }

    private static bool TryLong(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value) && value >= 0;
    }
}
