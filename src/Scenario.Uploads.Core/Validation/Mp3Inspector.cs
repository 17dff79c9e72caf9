using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Recognises MP3: an ID3v2 tag followed by an MPEG audio frame, or a bare frame whose successor is also a frame
/// (a lone 0xFFE sync is too common in random data to trust on its own).
/// </summary>
internal static class Mp3Inspector
{
    private const int SyncSearchWindow = 4096;

    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (Signatures.HasId3(head.Span))
        {
            return Detection.Of(FormatNames.Audio, FormatNames.Describe("mp3")!, await InspectAfterTagAsync(reader, head));
        }

        var first = ParseFrame(head.Span);
        if (first is null || first.Value.Length <= 0)
        {
            return null;
        }

        var second = await reader.ReadExactAsync(first.Value.Length, 4);
        if (second is null || ParseFrame(second) is null)
        {
            return null;
        }

        return Detection.Of(FormatNames.Audio, FormatNames.Describe("mp3")!, Valid(reader, 0, first.Value));
    }

    private static async ValueTask<FileInspection> InspectAfterTagAsync(ContentReader reader, ReadOnlyMemory<byte> head)
    {
        if (head.Length < 10)
        {
            return AudioInspector.Truncated("MP3", "mp3");
        }

        var h = head.Span;
        var tagSize = (h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F);
        long audioStart = 10L + tagSize + ((h[5] & 0x10) != 0 ? 10 : 0);
        if (audioStart >= reader.Length)
        {
            return FileInspection.Invalid(
                "The MP3 file holds a tag but no audio frames after it; it is truncated or empty. Upload the complete file.", "mp3");
        }

        // Encoders sometimes pad between the tag and the first frame; look a little way ahead for it.
        var window = await reader.ReadUpToAsync(audioStart, SyncSearchWindow);
        for (var i = 0; i + 4 <= window.Length; i++)
        {
            if (window[i] == 0xFF && ParseFrame(window.AsSpan(i)) is { } frame)
            {
                return Valid(reader, audioStart + i, frame);
            }
        }

        return FileInspection.Invalid("The MP3 file has no MPEG audio frame after its tag; the file is damaged.", "mp3");
    }

    private static FileInspection Valid(ContentReader reader, long audioStart, Frame frame)
    {
        var metadata = new JsonObject
        {
            ["sampleRate"] = frame.SampleRate,
            ["channels"] = frame.Channels,
            ["bitrateKbps"] = frame.Kbps,
            // An estimate that holds for constant bit rate, the common case; VBR headers are not read.
            ["durationSeconds"] = Math.Round((reader.Length - audioStart) * 8.0 / (frame.Kbps * 1000.0), 3),
        };
        return FileInspection.Valid("mp3", FormatNames.MimeOf("mp3"), metadata);
    }

    /// <summary>Parses a Layer III frame header (MPEG 1, 2 or 2.5); null when the bytes are not one.</summary>
    private static Frame? ParseFrame(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return null;
        }

        var header = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if ((header & 0xFFE00000) != 0xFFE00000)
        {
            return null;
        }

        var version = (int)(header >> 19) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
        var layer = (int)(header >> 17) & 3; // 1 = Layer III
        var bitrateIndex = (int)(header >> 12) & 0xF;
        var rateIndex = (int)(header >> 10) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 0xF || rateIndex == 3)
        {
            return null;
        }

        var kbps = version == 3 ? Mpeg1Layer3Kbps[bitrateIndex] : Mpeg2Layer3Kbps[bitrateIndex];
        var sampleRate = Mpeg1Rates[rateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4);
        var padding = (int)(header >> 9) & 1;
        var samplesPerFrame = version == 3 ? 1152 : 576;
        var length = samplesPerFrame / 8 * kbps * 1000 / sampleRate + padding;
        var channels = ((header >> 6) & 3) == 3 ? 1 : 2;
        return new Frame(sampleRate, channels, kbps, length);
    }

    private readonly record struct Frame(int SampleRate, int Channels, int Kbps, int Length);
}
