using Dapper;
using Scenario.Testing;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Sqlite;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// SQLite's group-commit writer on a disk filled to 0 bytes free by another program: a write that needs room
/// fails as SQLITE_FULL (the service answers it with 507), the writer takes the next write once space is back,
/// and with the reserve's ballast to give up the write goes through at once. On a tmpfs, so root only.
/// </summary>
public sealed class SqliteFullDiskTests
{
    private const int MiB = 1024 * 1024;
    private const string SqlitePass = "SQLite's own: runs in the SQLite pass.";
    private const string Insert = "INSERT INTO blobs (b) VALUES (zeroblob(@size));";

    [Fact(Skip = SqlitePass, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_write_on_a_full_disk_fails_as_SQLITE_FULL_and_the_writer_takes_the_next_one_once_space_is_freed()
    {
        using var disk = SmallDisk.TryMount("16m");
        if (disk is null)
        {
            Assert.Skip("Mounting a tmpfs needs root.");
        }
        using var database = await OpenAsync(disk);
        disk.Fill();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(database, 2 * MiB));

        Assert.True(SqliteFull.Is(error), error.ToString());
        File.Delete(Path.Combine(disk.Path, "filler"));
        Assert.Equal(1, await InsertAsync(database, 2 * MiB));
        Assert.Equal(1, await CountAsync(database));
    }

    [Fact(Skip = SqlitePass, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_write_on_a_full_disk_goes_through_by_giving_up_the_reserve_s_ballast_file()
    {
        using var disk = SmallDisk.TryMount("16m");
        if (disk is null)
        {
            Assert.Skip("Mounting a tmpfs needs root.");
        }
        using var database = await OpenAsync(disk);
        var reserve = new DiskReserve(disk.Path, 8 * MiB);
        Assert.Equal(ReserveChange.Held, reserve.Maintain());
        database.ReleaseSpaceWhenFull(reserve.Release);
        disk.Fill();

        Assert.Equal(1, await InsertAsync(database, 2 * MiB));

        Assert.Equal(0, reserve.Held);
        Assert.False(File.Exists(reserve.BallastPath));
        Assert.Equal(1, await CountAsync(database));
    }

    private static async Task<SqliteDatabase> OpenAsync(SmallDisk disk)
    {
        var database = SqliteDatabase.ForFile(Path.Combine(disk.Path, "uploads.db"));
        await database.InitializeAsync(CancellationToken.None);
        await database.WriteAsync(Durability.Synced,
            (connection, transaction) => connection.ExecuteAsync("CREATE TABLE blobs (b BLOB);", transaction: transaction), CancellationToken.None);
        return database;
    }

    private static Task<int> InsertAsync(SqliteDatabase database, int size) =>
        database.WriteAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(Insert, new { size }, transaction), CancellationToken.None);

    private static async Task<long> CountAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM blobs;";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
