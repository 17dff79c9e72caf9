using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Uploads.Server.DiskSpace;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Unit;

/// <summary>
/// Which failures are a full disk (507) and which are not, on the drivers' own exception types: whether the
/// disk of the data directory is the full one decides whether the reserve's ballast is given up.
/// </summary>
public sealed class DiskFullErrorsTests
{
    public static TheoryData<string, Exception, bool, bool> Failures() => new()
    {
        { "ENOSPC", new IOException("No space left on device", 28), true, true },
        { "EDQUOT", new IOException("Disk quota exceeded", 122), true, true },
        { "SQLITE_FULL", new SqliteException("database or disk is full", 13, 13), true, true },
        { "SQLITE_IOERR_SHMSIZE", new SqliteException("disk I/O error", 10, 10 | (19 << 8)), true, true },
        { "SQLITE_FULL wrapped", new InvalidOperationException("outer", new SqliteException("database or disk is full", 13, 13)), true, true },
        { "PostgreSQL 53100 disk_full", new PostgresException("could not extend file", "ERROR", "ERROR", "53100"), true, false },
        { "the reserve reached", new ReserveReachedException(8, 2), true, false },
        { "SQLITE_BUSY", new SqliteException("database is locked", 5, 5), false, false },
        { "PostgreSQL 57P01 admin_shutdown", new PostgresException("terminating connection", "FATAL", "FATAL", "57P01"), false, false },
        { "another I/O error", new IOException("Input/output error", 5), false, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_a_full_disk_only_when_a_disk_is_full(string what, Exception error, bool full, bool local)
    {
        Assert.True(full == DiskFullErrors.Is(error), what);
        Assert.True(local == DiskFullErrors.IsLocal(error), what);
    }
}
