using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Linux's <c>copy_file_range</c>: bytes copied from file to file inside the kernel (shared extents where the file
/// system can, a page-cache copy otherwise), never through the process. .NET uses it only to copy whole files;
/// concatenation needs it at offsets.
/// </summary>
internal static partial class KernelCopy
{
    // One call copies at most this much; a larger copy loops.
    private const long MaxChunk = 1L << 30;

    /// <summary>
    /// Copies <paramref name="length"/> bytes from the start of <paramref name="input"/> to <paramref name="output"/>
    /// at <paramref name="at"/>; false, having copied nothing, where the kernel or the file system cannot (the caller
    /// then copies through the process).
    /// </summary>
    public static bool TryCopy(SafeFileHandle input, SafeFileHandle output, long at, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        var (addedIn, addedOut) = (false, false);
        try
        {
            input.DangerousAddRef(ref addedIn);
            output.DangerousAddRef(ref addedOut);
            var (fdIn, fdOut) = ((int)input.DangerousGetHandle(), (int)output.DangerousGetHandle());
            long inOffset = 0;
            var outOffset = at;
            while (inOffset < length)
            {
                var copied = copy_file_range(fdIn, ref inOffset, fdOut, ref outOffset, (nuint)Math.Min(length - inOffset, MaxChunk), 0);
                if (copied < 0 && inOffset == 0)
                {
                    // ENOSYS, EXDEV, EINVAL, EOPNOTSUPP: not here; nothing was copied yet.
                    return false;
                }
                if (copied < 0)
                {
                    throw new IOException($"copy_file_range failed after {inOffset} bytes: errno {Marshal.GetLastPInvokeError()}.");
                }
                if (copied == 0)
                {
                    throw new InvalidDataException($"The file to copy ends at {inOffset} bytes, not {length}.");
                }
            }
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        finally
        {
            if (addedIn)
            {
                input.DangerousRelease();
            }
            if (addedOut)
            {
                output.DangerousRelease();
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint copy_file_range(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);
}
