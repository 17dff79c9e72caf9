using System.Buffers;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Kind <c>text</c>: the whole file must be UTF-8 (a BOM allowed) without NUL bytes. Text has no magic, so the
/// only proof is every byte; the file is streamed once in chunks and never held whole.
/// </summary>
internal static class TextInspector
{
    /// <summary>Bytes read per call; a multi-byte character may straddle two chunks and is carried over.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Formats a text file can legitimately be declared as; any other named format contradicts text content.</summary>
    private static readonly HashSet<string> TextEncodedFormats = new(StringComparer.Ordinal) { "gltf", "obj", "ply", "stl" };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    /// <summary>Scans the whole file; the result is either text with its metadata or the first reason it is not.</summary>
    public static async ValueTask<TextScan> ScanAsync(ContentReader reader)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
        // UTF-16 never needs more code units than the UTF-8 bytes it came from.
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes + 4);
        try
        {
            return await ScanAsync(reader, bytes, chars);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A declared type naming a binary-only format (image/png, video/mp4, …) contradicts text content.</summary>
    public static FileInspection CheckDeclaredType(string? contentType, FileInspection text)
    {
        if (FormatNames.FormatOfMime(contentType) is not { } declared || TextEncodedFormats.Contains(declared))
        {
            return text;
        }

        var mime = contentType!.Split(';')[0].Trim();
        return FileInspection.Invalid(
            $"The file was declared as {mime} but its content is UTF-8 text ({text.DetectedContentType}). " +
            "Upload it again with the right content type, or convert it.", FormatNames.Text);
    }

    private static async ValueTask<TextScan> ScanAsync(ContentReader reader, byte[] bytes, char[] chars)
    {
        long position = 0; // file offset of bytes[0]
        var carried = 0;   // the start of a character whose remaining bytes are in the next chunk
        long lines = 0;
        byte last = 0;
        var hasBom = false;
        while (true)
        {
            var read = await reader.ReadAtAsync(position + carried, bytes.AsMemory(carried, ChunkBytes));
            var isFinal = read <= 0 || position + carried + read >= reader.Length;
            var chunk = bytes.AsSpan(0, carried + Math.Max(read, 0));
            var skip = 0;
            // Only bytes not yet decoded are carried, so an unconsumed BOM is still at offset 0 however reads were split.
            if (position == 0 && chunk.StartsWith(Utf8Bom))
            {
                hasBom = true;
                skip = Utf8Bom.Length;
            }

            var text = chunk[skip..];
            var nul = text.IndexOf((byte)0);
            var beforeNul = nul >= 0 ? text[..nul] : text;
            // Decoding only up to a NUL keeps the first problem first: invalid UTF-8 before it is reported before the NUL.
            var status = Utf8.ToUtf16(beforeNul, chars, out var consumed, out _, replaceInvalidSequences: false,
                isFinalBlock: isFinal || nul >= 0);
            lines += text[..consumed].Count((byte)'\n');
            last = consumed > 0 ? text[consumed - 1] : last;
            if (status == OperationStatus.InvalidData)
            {
                // UTF-16 text is invalid from its first byte; naming its BOM tells the user what to change.
                if (position + skip + consumed == 0 && (chunk.StartsWith(Utf16LeBom) || chunk.StartsWith(Utf16BeBom)))
                {
                    return TextScan.NotText("a UTF-16 byte-order mark at byte 0 (save the file as UTF-8)");
                }

                return TextScan.NotText($"invalid UTF-8 at byte {position + skip + consumed}");
            }

            if (nul >= 0)
            {
                return TextScan.NotText($"a NUL byte at byte {position + skip + nul}");
            }

            if (isFinal)
            {
                var textBytes = reader.Length - (hasBom ? Utf8Bom.Length : 0);
                return TextScan.Text(new JsonObject
                {
                    ["encoding"] = "utf-8",
                    ["byteCount"] = reader.Length,
                    // A last line without a trailing newline is still a line.
                    ["lineCount"] = lines + (textBytes > 0 && last != (byte)'\n' ? 1 : 0),
                    ["hasBom"] = hasBom,
                });
            }

            // NeedMoreData: keep the incomplete character's first bytes for the next chunk.
            var decoded = skip + consumed;
            carried = chunk.Length - decoded;
            chunk[decoded..].CopyTo(bytes);
            position += decoded;
        }
    }
}

/// <summary>What a text scan found: text with its metadata, or the first reason the bytes are not text.</summary>
internal sealed record TextScan(string? Problem, FileInspection? Inspection)
{
    public static TextScan Text(JsonObject metadata) =>
        new(null, FileInspection.Valid(FormatNames.Text, FormatNames.MimeOf(FormatNames.Text), metadata));

    public static TextScan NotText(string problem) => new(problem, null);
}
