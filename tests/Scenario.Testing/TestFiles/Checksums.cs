namespace Scenario.Testing;

/// <summary>The two CRC-32 variants the generated files need: PNG's (reflected) and Ogg's (not reflected).</summary>
internal static class Checksums
{
    private static readonly uint[] PngTable = BuildReflected(0xEDB88320);
    private static readonly uint[] OggTable = BuildDirect(0x04C11DB7);

    public static uint PngCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc = PngTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    public static uint OggCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        foreach (var b in data)
        {
            crc = (crc << 8) ^ OggTable[((crc >> 24) ^ b) & 0xFF];
        }

        return crc;
    }

    private static uint[] BuildReflected(uint polynomial)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint[] BuildDirect(uint polynomial)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n << 24;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ polynomial : c << 1;
            }

            table[n] = c;
        }

        return table;
    }
}
