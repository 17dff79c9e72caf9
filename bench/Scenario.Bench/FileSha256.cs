using System.Diagnostics;
using System.Security.Cryptography;

namespace Scenario.Bench;

/// <summary>Case 3's yardstick: .NET's own SHA-256 of a file, the plain way (one sequential FileStream).</summary>
internal static class FileSha256
{
    public static int Run(string file)
    {
        var watch = Stopwatch.StartNew();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1024 * 1024, FileOptions.SequentialScan);
        var hash = SHA256.HashData(stream);
        watch.Stop();
        Console.WriteLine($"{Seconds.Of(watch)} {Convert.ToHexStringLower(hash)}");
        return 0;
    }
}
