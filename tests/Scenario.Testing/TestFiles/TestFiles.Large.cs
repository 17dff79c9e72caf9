using System.Runtime.InteropServices;

namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>
    /// Writes <paramref name="size"/> bytes of deterministic pseudo-random data to <paramref name="path"/>;
    /// the same seed gives the same bytes, so tests can compare hashes without keeping the data in memory.
    /// </summary>
    public static void WriteLargeFile(string path, long size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        const int chunk = 1 << 20;
        var buffer = new byte[chunk];
        var words = MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan());
        // xorshift64*: fast, no allocation, and good enough that compression or dedup cannot cheat.
        var state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed;
        if (state == 0)
        {
            state = 1;
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16,
            FileOptions.SequentialScan);
        file.SetLength(size);
        var remaining = size;
        while (remaining > 0)
        {
            for (var i = 0; i < words.Length; i++)
            {
                state ^= state >> 12;
                state ^= state << 25;
                state ^= state >> 27;
                words[i] = state * 0x2545F4914F6CDD1DUL;
            }

            var count = (int)Math.Min(chunk, remaining);
            file.Write(buffer, 0, count);
            remaining -= count;
        }
    }
}
