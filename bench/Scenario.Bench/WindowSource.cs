using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Scenario.Bench;

/// <summary>
/// Case 9's source: a file of any size that holds only a window of itself, on tmpfs. It is sparse; this keeps
/// random bytes (one pattern repeated) written <see cref="Ahead"/> in front of what the service has stored and
/// punches out what lies <see cref="Behind"/> it, so the CLI reads real, incompressible bytes from the page cache
/// at every offset it sends while the whole file never takes more than a few GiB of memory. What the service has
/// stored is the contiguous prefix of its sparse upload file (SEEK_HOLE), the newest file in its uploads folder.
/// If the CLI ever read past the window, it sent zeros: the stored SHA-256 then differs from
/// <see cref="ExpectedSha256"/>, which bench/run checks.
/// </summary>
internal static class WindowSource
{
    private const long Ahead = 2L << 30;
    private const long Behind = 256L << 20;
    private const int SeekHole = 4;
    private const int PunchHoleKeepSize = 3; // FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE

    public static async Task<int> RunAsync(string source, long size, string patternFile, string uploadsFolder)
    {
        var pattern = Pattern(patternFile);
        var before = Directory.Exists(uploadsFolder) ? Directory.GetFiles(uploadsFolder).ToHashSet() : [];
        using var handle = File.OpenHandle(source, FileMode.CreateNew, FileAccess.ReadWrite);
        RandomAccess.SetLength(handle, size);
        long filled = 0, punched = 0;
        filled = Fill(handle, pattern, filled, Math.Min(size, Ahead));
        Console.WriteLine("ready");
        string? stored = null;
        while (true)
        {
            stored ??= Directory.Exists(uploadsFolder) ? Directory.GetFiles(uploadsFolder).FirstOrDefault(f => !before.Contains(f)) : null;
            var prefix = stored is null ? 0 : StoredPrefix(stored);
            // Whole patterns only, so every byte sits at its place in the repetition that ExpectedSha256 hashes.
            filled = Fill(handle, pattern, filled, Math.Min(size, (prefix + Ahead + pattern.Length - 1) / pattern.Length * pattern.Length));
            var end = (Math.Max(0, prefix - Behind) / pattern.Length) * pattern.Length;
            if (end > punched && fallocate((int)handle.DangerousGetHandle(), PunchHoleKeepSize, punched, end - punched) == 0)
            {
                punched = end;
            }
            if (prefix >= size)
            {
                return 0;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The SHA-256 of the bytes the window holds over the whole file: the pattern repeated.</summary>
    public static int ExpectedSha256(long size, string patternFile)
    {
        var pattern = Pattern(patternFile);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long at = 0; at < size; at += pattern.Length)
        {
            hash.AppendData(pattern, 0, (int)Math.Min(pattern.Length, size - at));
        }
        Console.WriteLine(Convert.ToHexStringLower(hash.GetHashAndReset()));
        return 0;
    }

    private static byte[] Pattern(string patternFile)
    {
        var pattern = new byte[64 << 20];
        using var file = File.OpenRead(patternFile);
        file.ReadExactly(pattern);
        return pattern;
    }

    private static long Fill(SafeFileHandle handle, byte[] pattern, long from, long to)
    {
        for (var at = from; at < to; at += pattern.Length)
        {
            RandomAccess.Write(handle, pattern.AsSpan(0, (int)Math.Min(pattern.Length, to - at)), at);
        }
        return Math.Max(from, to);
    }

    private static long StoredPrefix(string stored)
    {
        try
        {
            using var handle = File.OpenHandle(stored, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var hole = lseek((int)handle.DangerousGetHandle(), 0, SeekHole);
            return hole < 0 ? 0 : hole;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fallocate(int fd, int mode, long offset, long length);

    [DllImport("libc", SetLastError = true)]
    private static extern long lseek(int fd, long offset, int whence);
}
