using System.Buffers.Binary;

namespace Scenario.Uploads.Validation;

/// <summary>Recognises JPEG and finds its size in the first SOFn segment, walking segment headers only.</summary>
internal static class JpegInspector
{
    private const int MaxSegments = 10_000;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (!Signatures.IsJpeg(head.Span))
        {
            return null;
        }

        return Detection.Of(FormatNames.Image, FormatNames.Describe("jpeg")!, await InspectAsync(reader));
    }

    private static async ValueTask<FileInspection> InspectAsync(ContentReader reader)
    {
        long offset = 2;
        for (var i = 0; i < MaxSegments; i++)
        {
            var marker = await NextMarkerAsync(reader, offset);
            if (marker is null)
            {
                return offset + 2 > reader.Length
                    ? ImageInspector.Truncated("jpeg")
                    : FileInspection.Invalid("The JPEG file's segments are damaged (a marker is missing where one should be). Export the image again.", "jpeg");
            }

            var (code, at) = marker.Value;
            offset = at + 2;
            if (code is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // standalone markers carry no length
            }

            if (code is 0xD9 or 0xDA)
            {
                // Image data (or the end) before any frame header: there is no size to read.
                return FileInspection.Invalid("The JPEG file has no frame header (SOF) before its image data; the file is damaged.", "jpeg");
            }

            var lengthBytes = await reader.ReadExactAsync(offset, 2);
            if (lengthBytes is null)
            {
                return ImageInspector.Truncated("jpeg");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
            if (length < 2 || offset + length > reader.Length)
            {
                return ImageInspector.Truncated("jpeg");
            }

            if (IsStartOfFrame(code))
            {
                var frame = await reader.ReadExactAsync(offset + 2, 5);
                if (frame is null || length < 7)
                {
                    return ImageInspector.Truncated("jpeg");
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1));
                var width = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3));
                var result = ImageInspector.Dimensions("jpeg", width, height);
                if (result.IsValid)
                {
                    result.Metadata["progressive"] = code is 0xC2 or 0xC6 or 0xCA or 0xCE;
                }

                return result;
            }

            offset += length;
        }

        return FileInspection.Invalid("The JPEG file has no frame header (SOF) among its first segments; the file is damaged.", "jpeg");
    }

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsStartOfFrame(int code) => code is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>Finds the next marker at <paramref name="offset"/>, skipping fill bytes (0xFF repeated).</summary>
    private static async ValueTask<(int Code, long At)?> NextMarkerAsync(ContentReader reader, long offset)
    {
        var bytes = await reader.ReadUpToAsync(offset, 64);
        if (bytes.Length < 2 || bytes[0] != 0xFF)
        {
            return null;
        }

        var i = 1;
        while (i < bytes.Length && bytes[i] == 0xFF)
        {
            i++;
        }

        return i < bytes.Length && bytes[i] != 0x00 ? (bytes[i], offset + i - 1) : null;
    }
}
