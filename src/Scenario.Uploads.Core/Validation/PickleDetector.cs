using System.Buffers.Binary;
using System.Text;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Recognises pickle-based checkpoints: a bare pickle stream (protocol 2–5) or a PyTorch zip holding a .pkl entry.
/// They are refused everywhere a model is expected, because unpickling runs arbitrary code.
/// </summary>
internal static class PickleDetector
{
    public const string Message =
        "This is a pickle-based checkpoint (.ckpt, .pt, .pth or .bin). Pickle files can run arbitrary code when loaded, " +
        "so they are not accepted; convert the checkpoint to safetensors and upload the .safetensors file.";

    private const uint EndOfCentralDirectory = 0x06054B50;
    private const uint CentralDirectoryEntry = 0x02014B50;
    private const int MaxCentralDirectoryBytes = 16 * 1024 * 1024;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        var isPickle = IsPickleStream(head.Span)
            || (head.Span.StartsWith("PK\x03\x04"u8) && await ZipHoldsPickleAsync(reader, head));
        return isPickle
            ? Detection.Of(FormatNames.Model, "a pickle-based checkpoint", FileInspection.Invalid(Message, "pickle"))
            : null;
    }

    /// <summary>Pickle protocols 2 to 5 open with the PROTO opcode (0x80) and the protocol number.</summary>
    private static bool IsPickleStream(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5;

    private static async ValueTask<bool> ZipHoldsPickleAsync(ContentReader reader, ReadOnlyMemory<byte> head)
    {
        // torch.save writes archive/data.pkl first, so the first local header usually answers at once.
        if (head.Length >= 30)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head.Span[26..]);
            if (head.Length >= 30 + nameLength && IsPickleName(Encoding.UTF8.GetString(head.Span.Slice(30, nameLength))))
            {
                return true;
            }
        }

        // Otherwise read the central directory's names (the end record is within the last 64 KiB + 22 bytes).
        var tailLength = (int)Math.Min(reader.Length, 65_557);
        var tail = await reader.ReadUpToAsync(reader.Length - tailLength, tailLength);
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory)
            {
                continue;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
            if (size > MaxCentralDirectoryBytes)
            {
                return false;
            }

            var directory = await reader.ReadExactAsync(offset, (int)size);
            return directory is not null && DirectoryNames(directory).Any(IsPickleName);
        }

        return false;
    }

    private static IEnumerable<string> DirectoryNames(byte[] directory)
    {
        var at = 0;
        while (at + 46 <= directory.Length && BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) == CentralDirectoryEntry)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 32));
            if (at + 46 + nameLength > directory.Length)
            {
                yield break;
            }

            yield return Encoding.UTF8.GetString(directory, at + 46, nameLength);
            at += 46 + nameLength + extraLength + commentLength;
        }
    }

    private static bool IsPickleName(string name) => name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase);
}
