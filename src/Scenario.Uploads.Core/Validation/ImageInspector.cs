using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>Recognises PNG, WebP and GIF (JPEG has its own file) and reads their dimensions from the headers.</summary>
internal static class ImageInspector
{
    public const int MaxSide = 16384;
    public const long MaxPixels = 100_000_000;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (Signatures.IsPng(head.Span))
        {
            return Detection.Of(FormatNames.Image, FormatNames.Describe("png")!, await InspectPngAsync(reader));
        }

        if (Signatures.IsWebP(head.Span))
        {
            return Detection.Of(FormatNames.Image, FormatNames.Describe("webp")!, InspectWebP(reader, head.Span));
        }

        if (Signatures.IsGif(head.Span))
        {
            return Detection.Of(FormatNames.Image, FormatNames.Describe("gif")!, head.Length < 13
                ? Truncated("gif")
                : Dimensions("gif", BinaryPrimitives.ReadUInt16LittleEndian(head.Span[6..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(head.Span[8..])));
        }

        return await JpegInspector.TryDetectAsync(reader);
    }

    /// <summary>Applies the decompression-bomb and zero-size rules to dimensions read from a header.</summary>
    public static FileInspection Dimensions(string format, long width, long height, JsonObject? extra = null)
    {
        if (width <= 0 || height <= 0)
        {
            return FileInspection.Invalid(
                $"The image header gives a size of {width}×{height} pixels; the file is damaged. Export the image again.", format);
        }

        if (width > MaxSide || height > MaxSide || width * height > MaxPixels)
        {
            return FileInspection.Invalid(
                $"The image is {width}×{height} pixels, beyond the limit of {MaxSide} pixels per side and " +
                $"{MaxPixels / 1_000_000} megapixels. Resize it and upload it again.", format);
        }

        var metadata = extra ?? [];
        metadata["width"] = width;
        metadata["height"] = height;
        return FileInspection.Valid(format, FormatNames.MimeOf(format), metadata);
    }

    public static FileInspection Truncated(string format) => FileInspection.Invalid(
        $"The {format.ToUpperInvariant()} file is truncated: it ends before its header does. Upload the complete file.", format);

    private static async ValueTask<FileInspection> InspectPngAsync(ContentReader reader)
    {
        var ihdr = await reader.ReadExactAsync(8, 25);
        if (ihdr is null)
        {
            return Truncated("png");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13 || !ihdr.AsSpan(4, 4).SequenceEqual("IHDR"u8))
        {
            return FileInspection.Invalid("The PNG file does not start with an image header (IHDR); the file is damaged.", "png");
        }

        var size = Dimensions("png", BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(8)),
            BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(12)));
        return size.IsValid ? await WalkPngChunksAsync(reader, size) : size;
    }

    /// <summary>Follows the chunk headers (8 bytes each) to IEND, so a cut-off PNG is caught without reading pixel data.</summary>
    private static async ValueTask<FileInspection> WalkPngChunksAsync(ContentReader reader, FileInspection size)
    {
        const int maxChunks = 200_000;
        long offset = 8;
        var sawData = false;
        for (var i = 0; i < maxChunks; i++)
        {
            var header = await reader.ReadExactAsync(offset, 8);
            if (header is null)
            {
                return FileInspection.Invalid("The PNG file is truncated: it ends before its last chunk (IEND). Upload the complete file.", "png");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var end = offset + 12 + length;
            if (length > int.MaxValue || end > reader.Length)
            {
                return FileInspection.Invalid("The PNG file is truncated: a chunk runs past the end of the file. Upload the complete file.", "png");
            }

            if (header.AsSpan(4, 4).SequenceEqual("IEND"u8))
            {
                return sawData ? size : FileInspection.Invalid("The PNG file has no image data (IDAT); the file is damaged.", "png");
            }

            sawData |= header.AsSpan(4, 4).SequenceEqual("IDAT"u8);
            offset = end;
        }

        return size; // so many chunks that walking further costs more than it tells; the header was sound
    }

    private static FileInspection InspectWebP(ContentReader reader, ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
        {
            return Truncated("webp");
        }

        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (riffEnd > reader.Length)
        {
            return FileInspection.Invalid("The WebP file is truncated: it is shorter than its header says. Upload the complete file.", "webp");
        }

        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (head[23] != 0x9D || head[24] != 0x01 || head[25] != 0x2A)
            {
                return FileInspection.Invalid("The WebP file's VP8 frame header is damaged.", "webp");
            }

            return Dimensions("webp", BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF,
                BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (head[20] != 0x2F)
            {
                return FileInspection.Invalid("The WebP file's lossless (VP8L) header is damaged.", "webp");
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Dimensions("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            var width = 1 + (head[24] | (head[25] << 8) | (head[26] << 16));
            var height = 1 + (head[27] | (head[28] << 8) | (head[29] << 16));
            return Dimensions("webp", width, height);
        }

        return FileInspection.Invalid("The WebP file has no VP8, VP8L or VP8X image header; the file is damaged.", "webp");
    }
}
