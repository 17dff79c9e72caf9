using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Starts the disk write of a part's bytes while the rest of the part is still arriving. Without it the
/// kernel holds them as dirty pages until the part's closing fsync, so a part took the time to receive it
/// plus the time to write it; with it the two overlap and the fsync finds little left to do. Linux only
/// (<c>sync_file_range</c>); elsewhere the fsync alone does the work, as before.
/// </summary>
internal sealed class EarlyWriteback(SafeFileHandle handle, long start)
{
    /// <summary>How many written bytes wait before their write-out is started.</summary>
    public const long Window = 8 * 1024 * 1024;

    private const uint SyncFileRangeWrite = 2;
    private static bool s_unavailable = !OperatingSystem.IsLinux();
    private long _started = start;

    /// <summary>Reports that the file now holds the part's bytes up to <paramref name="end"/>.</summary>
    public void Written(long end)
    {
        if (s_unavailable || end - _started < Window)
        {
            return;
        }
        // Only a hint: it never waits for the disk, and a failure is caught by the fsync that follows.
        try
        {
            if (SyncFileRange(handle, _started, end - _started, SyncFileRangeWrite) != 0 && Marshal.GetLastPInvokeError() == 38 /* ENOSYS */)
            {
                s_unavailable = true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
        _started = end;
    }

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
