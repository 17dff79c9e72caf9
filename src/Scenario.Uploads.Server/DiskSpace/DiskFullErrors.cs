using Scenario.Uploads.Sqlite;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.DiskSpace;

/// <summary>The one place the service tells a failure for want of disk space, of any backend, from other failures.</summary>
public static class DiskFullErrors
{
    /// <summary>A disk or quota full, the reserve reached, SQLITE_FULL, PostgreSQL's 53100 disk_full.</summary>
    public static bool Is(Exception error) => DiskFull.Is(error) || SqliteFull.Is(error);

    /// <summary>The data directory's own disk is full (not PostgreSQL's, elsewhere): its reserve's ballast may help.</summary>
    public static bool IsLocal(Exception error) => error is not ReserveReachedException && (IsIo(error) || SqliteFull.Is(error));

    private static bool IsIo(Exception error) => error is IOException && DiskFull.Is(error)
        || error.InnerException is { } inner && IsIo(inner);
}
