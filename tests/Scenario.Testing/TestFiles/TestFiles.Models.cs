using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Scenario.Testing;

/// <summary>A tensor of a generated safetensors file: name, dtype and shape.</summary>
public sealed record TensorSpec(string Name, string DType, params long[] Shape);

public static partial class TestFiles
{
    /// <summary>A safetensors file with a real header and zeroed data; by default two F32 tensors (weight 4×3, bias 4).</summary>
    public static byte[] Safetensors(params TensorSpec[] tensors)
    {
        if (tensors.Length == 0)
        {
            tensors = [new("linear.weight", "F32", 4, 3), new("linear.bias", "F32", 4)];
        }

        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var t in tensors)
        {
            var size = t.Shape.Aggregate(1L, (a, d) => a * d) * DTypeSize(t.DType);
            header[t.Name] = Tensor(t.DType, t.Shape, offset, offset + size);
            offset += size;
        }

        return SafetensorsFile(header, offset);
    }

    /// <summary>A LoRA adapter as kohya-style trainers write it: lora_up/lora_down pairs and an alpha.</summary>
    public static byte[] SafetensorsLora() => Safetensors(
        new("lora_unet_down_blocks_0_attn1_to_q.lora_down.weight", "F16", 4, 8),
        new("lora_unet_down_blocks_0_attn1_to_q.lora_up.weight", "F16", 8, 4),
        new("lora_unet_down_blocks_0_attn1_to_q.alpha", "F16"));

    /// <summary>Two F32 tensors of 12 bytes whose byte ranges overlap (4..16 and 0..12).</summary>
    public static byte[] SafetensorsWithBadOffsets()
    {
        var header = new JsonObject
        {
            ["a"] = Tensor("F32", [3], 0, 12),
            ["b"] = Tensor("F32", [3], 4, 16),
        };
        return SafetensorsFile(header, 16);
    }

    /// <summary>A PyTorch zip checkpoint (archive/data.pkl starting with pickle protocol 2), as torch.save writes it.</summary>
    public static byte[] PickleCheckpoint()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var pkl = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open())
            {
                pkl.Write([0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E]); // PROTO 2, EMPTY_DICT, BINPUT 0, STOP
            }

            using var version = zip.CreateEntry("archive/version", CompressionLevel.NoCompression).Open();
            version.Write("3\n"u8);
        }

        return output.ToArray();
    }

    /// <summary>A bare pickle stream (legacy torch.save of a .ckpt or .bin): protocol 2 header and a tiny dict.</summary>
    public static byte[] PickleStream() => [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E];

    private static JsonObject Tensor(string dtype, long[] shape, long begin, long end) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray([.. shape.Select(d => (JsonNode)JsonValue.Create(d))]),
        ["data_offsets"] = new JsonArray(JsonValue.Create(begin), JsonValue.Create(end)),
    };

    private static byte[] SafetensorsFile(JsonObject header, long dataLength)
    {
        var json = Pad(Utf8(header.ToJsonString()), 0x20); // the format pads the header with spaces to 8 bytes; 4 is fine too
        return [.. new ByteBuilder().U64LE((ulong)json.Length).Bytes(json).ToArray(), .. new byte[dataLength]];
    }

    private static int DTypeSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        _ => 1,
    };
}
