using System.Data.Common;

namespace Scenario.Uploads.Storage;

/// <summary>
/// Recognises the disk running out of room (or of quota) under an error: an I/O error on Linux and Windows, the
/// reserve refusing a write (<see cref="ReserveReachedException"/>), PostgreSQL's <c>53100 disk_full</c> (by the
/// provider-neutral SQLSTATE). SQLite's <c>SQLITE_FULL</c> is its own project's to recognise.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);
    private const string PostgresDiskFull = "53100";

    public static bool Is(Exception error) => error switch
    {
        ReserveReachedException => true,
        IOException io when io.HResult is Enospc or Edquot or ErrorHandleDiskFull or ErrorDiskFull => true,
        DbException { SqlState: PostgresDiskFull } => true,
        _ => error.InnerException is { } inner && Is(inner),
    };
}
