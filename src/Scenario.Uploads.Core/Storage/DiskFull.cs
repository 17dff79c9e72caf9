namespace Scenario.Uploads.Storage;

/// <summary>Recognises the disk running out of room (or of quota) under an I/O error, on Linux and Windows.</summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);

    public static bool Is(Exception error) => error switch
    {
        IOException io when io.HResult is Enospc or Edquot or ErrorHandleDiskFull or ErrorDiskFull => true,
        _ => error.InnerException is { } inner && Is(inner),
    };
}
