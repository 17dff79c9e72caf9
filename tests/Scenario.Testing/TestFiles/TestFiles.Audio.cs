namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>A 16-bit PCM WAV holding a quiet square wave.</summary>
    public static byte[] Wav(double seconds = 0.25, int sampleRate = 8000, int channels = 1)
    {
        var frames = (int)Math.Round(seconds * sampleRate);
        var dataSize = frames * channels * 2;
        var b = new ByteBuilder().Ascii("RIFF").U32LE((uint)(4 + 8 + 16 + 8 + dataSize)).Ascii("WAVE");
        b.Ascii("fmt ").U32LE(16).U16LE(1).U16LE(channels).U32LE((uint)sampleRate)
            .U32LE((uint)(sampleRate * channels * 2)).U16LE(channels * 2).U16LE(16);
        b.Ascii("data").U32LE((uint)dataSize);
        for (var i = 0; i < frames * channels; i++)
        {
            b.U16LE((i / 20) % 2 == 0 ? 1000 : -1000);
        }

        return b.ToArray();
    }

    /// <summary>An ID3v2.3 tag with a title, then three silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, stereo).</summary>
    public static byte[] Mp3(int frames = 3)
    {
        var title = new ByteBuilder().Ascii("TIT2").U32BE(6).U16BE(0).U8(0).Ascii("Test").U8(0).ToArray();
        var b = new ByteBuilder().Ascii("ID3").U8(3).U8(0).U8(0).Bytes(SyncSafe(title.Length)).Bytes(title);
        for (var i = 0; i < frames; i++)
        {
            // 0xFFFB: sync, MPEG-1, Layer III, no CRC; 0x90: 128 kbit/s, 44100 Hz, no padding; frame is 417 bytes.
            b.Bytes([0xFF, 0xFB, 0x90, 0x04]).Zeros(417 - 4);
        }

        return b.ToArray();
    }

    /// <summary>One Ogg page (with a correct CRC) holding a Vorbis identification header.</summary>
    public static byte[] Ogg(int sampleRate = 44100, int channels = 2)
    {
        var packet = new ByteBuilder().U8(1).Ascii("vorbis").U32LE(0).U8(channels).U32LE((uint)sampleRate)
            .U32LE(0).U32LE(128000).U32LE(0).U8(0xB8).U8(1).ToArray();
        var page = new ByteBuilder().Ascii("OggS").U8(0).U8(0x02).U64LE(0).U32LE(0x5EED).U32LE(0).U32LE(0)
            .U8(1).U8(packet.Length).Bytes(packet).ToArray();
        var crc = Checksums.OggCrc(page);
        page[22] = (byte)crc;
        page[23] = (byte)(crc >> 8);
        page[24] = (byte)(crc >> 16);
        page[25] = (byte)(crc >> 24);
        return page;
    }

    /// <summary>A FLAC stream header: "fLaC" and a STREAMINFO block (no audio frames; the header is what is judged).</summary>
    public static byte[] Flac(double seconds = 1, int sampleRate = 8000, int channels = 1)
    {
        var totalSamples = (long)Math.Round(seconds * sampleRate);
        var b = new ByteBuilder().Ascii("fLaC").U8(0x80).U8(0).U8(0).U8(34); // last block, STREAMINFO, 34 bytes
        b.U16BE(4096).U16BE(4096).U8(0).U8(0).U8(0).U8(0).U8(0).U8(0);
        // 20 bits sample rate, 3 bits channels-1, 5 bits bits-per-sample-1, 36 bits total samples.
        var packed = ((ulong)sampleRate << 44) | ((ulong)(channels - 1) << 41) | (15UL << 36) | (ulong)totalSamples;
        return b.U64BE(packed).Zeros(16).ToArray();
    }

    /// <summary>An MP4 audio file: ftyp "M4A " and a movie with one sound track.</summary>
    public static byte[] M4a(double seconds = 2) => IsoMedia("M4A ", ["M4A ", "mp42", "isom"], "soun", seconds, 0, 0);

    /// <summary>ID3v2 sizes use 7 bits per byte so that no byte of the header looks like an MPEG frame sync.</summary>
    private static byte[] SyncSafe(int value) =>
        [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];
}
