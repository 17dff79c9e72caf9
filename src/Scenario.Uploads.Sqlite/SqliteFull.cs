using Microsoft.Data.Sqlite;

namespace Scenario.Uploads.Sqlite;

/// <summary>Recognises SQLite failing for want of disk space, under an error.</summary>
public static class SqliteFull
{
    private const int Full = 13;

    /// <summary>SQLITE_IOERR_SHMSIZE: the shared-memory index could not grow, which only a full disk does.</summary>
    private const int ShmSize = 10 | (19 << 8);

    public static bool Is(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: Full } => true,
        SqliteException { SqliteExtendedErrorCode: ShmSize } => true,
        _ => error.InnerException is { } inner && Is(inner),
    };
}
