using System.Diagnostics;
using Scenario.Testing;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// A small tmpfs the size of <c>size</c> (as <c>mount -o size=</c> takes it), which only root may mount; unmounted
/// and deleted on dispose. <see cref="Fill"/> plays another program filling it to 0 bytes free.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>The mounted disk, or null (the caller skips) when mounting is not allowed here.</summary>
    public static SmallDisk? TryMount(string size)
    {
        var path = TempDirectory.Create();
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path))
        {
            return new SmallDisk(path);
        }
        TempDirectory.TryDelete(path);
        return null;
    }

    public long FreeSpace => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a file outside the service until the disk refuses a single byte more (ENOSPC); the bytes written.</summary>
    public long Fill(string name = "filler")
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)0x5a);
        long written = 0;
        using var file = new FileStream(System.IO.Path.Combine(Path, name), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        // Halving the block when the disk refuses it: the last refusal is of a single byte, so nothing is left.
        for (var size = block.Length; size > 0; size /= 2)
        {
            try
            {
                while (true)
                {
                    file.Write(block, 0, size);
                    written += size;
                }
            }
            catch (IOException e) when (DiskFull.Is(e))
            {
            }
        }
        return written;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        TempDirectory.TryDelete(Path);
    }

    private static bool Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
