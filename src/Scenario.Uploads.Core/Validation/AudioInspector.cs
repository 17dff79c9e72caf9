using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>Recognises WAV, FLAC and Ogg (MP3 and MP4 audio have their own files) and reads rate, channels, duration.</summary>
internal static class AudioInspector
{
    private const int MaxRiffChunks = 1_000;

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        var head = await reader.HeadAsync();
        if (Signatures.IsWav(head.Span))
        {
            return Detection.Of(FormatNames.Audio, FormatNames.Describe("wav")!, await InspectWavAsync(reader));
        }

        if (Signatures.IsFlac(head.Span))
        {
            return Detection.Of(FormatNames.Audio, FormatNames.Describe("flac")!, InspectFlac(head.Span));
        }

        if (Signatures.IsOgg(head.Span))
        {
            return Detection.Of(FormatNames.Audio, FormatNames.Describe("ogg")!, InspectOgg(reader, head.Span));
        }

        return await Mp3Inspector.TryDetectAsync(reader);
    }

    public static FileInspection Truncated(string what, string format) => FileInspection.Invalid(
        $"The {what} file is truncated: it is shorter than its header says. Upload the complete file.", format);

    private static async ValueTask<FileInspection> InspectWavAsync(ContentReader reader)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian((await reader.HeadAsync()).Span[4..]);
        // 0 and 0xFFFFFFFF are what streaming recorders leave when they never patch the size.
        if (riffSize is not 0 and not uint.MaxValue && 8L + riffSize > reader.Length)
        {
            return Truncated("WAV", "wav");
        }

        JsonObject? format = null;
        long offset = 12;
        for (var i = 0; i < MaxRiffChunks; i++)
        {
            var header = await reader.ReadExactAsync(offset, 8);
            if (header is null)
            {
                break;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var id = header.AsSpan(0, 4);
            if (id.SequenceEqual("fmt "u8))
            {
                var fmt = await reader.ReadExactAsync(offset + 8, 16);
                if (fmt is null || size < 16)
                {
                    return Truncated("WAV", "wav");
                }

                format = new JsonObject
                {
                    ["codec"] = BinaryPrimitives.ReadUInt16LittleEndian(fmt) is 1 or 0xFFFE ? "pcm" : "other",
                    ["channels"] = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2)),
                    ["sampleRate"] = BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4)),
                    ["bitsPerSample"] = (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14)),
                };
                var byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(8));
                format["byteRate"] = byteRate;
            }
            else if (id.SequenceEqual("data"u8))
            {
                return WavData(reader, format, offset + 8, size);
            }

            offset += 8L + size + (size & 1);
        }

        return FileInspection.Invalid("The WAV file has no audio data (no \"data\" chunk after \"fmt \"); the file is damaged.", "wav");
    }

    private static FileInspection WavData(ContentReader reader, JsonObject? format, long dataStart, uint size)
    {
        if (format is null)
        {
            return FileInspection.Invalid("The WAV file has no format chunk (\"fmt \") before its audio data; the file is damaged.", "wav");
        }

        var available = reader.Length - dataStart;
        long dataSize = size is 0 or uint.MaxValue ? available : size;
        if (dataSize > available)
        {
            return Truncated("WAV", "wav");
        }

        var sampleRate = (uint)format["sampleRate"]!;
        var channels = (int)format["channels"]!;
        if (sampleRate == 0 || channels == 0)
        {
            return FileInspection.Invalid("The WAV file's format chunk gives no sample rate or no channels; the file is damaged.", "wav");
        }

        var byteRate = (uint)format["byteRate"]!;
        format.Remove("byteRate");
        if (byteRate > 0)
        {
            format["durationSeconds"] = Math.Round((double)dataSize / byteRate, 3);
        }

        return FileInspection.Valid("wav", FormatNames.MimeOf("wav"), format);
    }

    private static FileInspection InspectFlac(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 + 4 + 34)
        {
            return Truncated("FLAC", "flac");
        }

        if ((head[4] & 0x7F) != 0 || (head[5] << 16 | head[6] << 8 | head[7]) < 34)
        {
            return FileInspection.Invalid("The FLAC file does not start with a STREAMINFO block; the file is damaged.", "flac");
        }

        var packed = BinaryPrimitives.ReadUInt64BigEndian(head[18..]);
        var sampleRate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 0x7) + 1;
        var bits = (int)((packed >> 36) & 0x1F) + 1;
        var totalSamples = (long)(packed & 0xF_FFFF_FFFF);
        if (sampleRate == 0)
        {
            return FileInspection.Invalid("The FLAC file's STREAMINFO gives a sample rate of 0; the file is damaged.", "flac");
        }

        var metadata = new JsonObject { ["sampleRate"] = sampleRate, ["channels"] = channels, ["bitsPerSample"] = bits };
        if (totalSamples > 0)
        {
            metadata["totalSamples"] = totalSamples;
            metadata["durationSeconds"] = Math.Round((double)totalSamples / sampleRate, 3);
        }

        return FileInspection.Valid("flac", FormatNames.MimeOf("flac"), metadata);
    }

    private static FileInspection InspectOgg(ContentReader reader, ReadOnlySpan<byte> head)
    {
        if (head.Length < 27 || head.Length < 27 + head[26])
        {
            return Truncated("Ogg", "ogg");
        }

        var segments = head.Slice(27, head[26]);
        var bodyStart = 27 + segments.Length;
        var bodyLength = 0;
        foreach (var s in segments)
        {
            bodyLength += s;
        }

        if (bodyStart + bodyLength > reader.Length)
        {
            return Truncated("Ogg", "ogg");
        }

        var metadata = new JsonObject();
        var packet = head.Slice(bodyStart, Math.Min(bodyLength, head.Length - bodyStart));
        if (packet.Length >= 16 && packet[0] == 1 && packet[1..7].SequenceEqual("vorbis"u8))
        {
            metadata["codec"] = "vorbis";
            metadata["channels"] = (int)packet[11];
            metadata["sampleRate"] = BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]);
        }
        else if (packet.Length >= 16 && packet.StartsWith("OpusHead"u8))
        {
            metadata["codec"] = "opus";
            metadata["channels"] = (int)packet[9];
            metadata["sampleRate"] = BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]);
        }
        else if (packet.Length >= 5 && packet[0] == 0x7F && packet[1..5].SequenceEqual("FLAC"u8))
        {
            metadata["codec"] = "flac";
        }

        return FileInspection.Valid("ogg", FormatNames.MimeOf("ogg"), metadata);
    }
}
