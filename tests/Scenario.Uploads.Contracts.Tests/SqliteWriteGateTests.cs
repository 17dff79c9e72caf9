using Dapper;
using Microsoft.Data.Sqlite;
using Scenario.Testing;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>The in-process write gate of the SQLite database: one writer at a time, given back when a write fails.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_write_that_fails_to_open_its_connection_gives_the_gate_back_for_the_next()
    {
        using var database = new SqliteDatabase($"Data Source={Path.Combine("/nonexistent", Guid.NewGuid().ToString("N"), "x.db")}");

        await Assert.ThrowsAsync<SqliteException>(() => database.WriteAsync(Durability.Synced, (c, t) => c.ExecuteAsync("SELECT 1;", transaction: t), CancellationToken.None));

        // A gate kept by the failed write would make this second one wait for ever instead of failing the same way.
        await Assert.ThrowsAsync<SqliteException>(() => database.WriteAsync(Durability.Synced, (c, t) => c.ExecuteAsync("SELECT 1;", transaction: t), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Writers_take_turns_and_readers_do_not_wait_for_them()
    {
        var folder = TempDirectory.Create();
        try
        {
            using var database = SqliteDatabase.ForFile(Path.Combine(folder, "gate.db"));
            await database.InitializeAsync(CancellationToken.None);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = database.WriteAsync(Durability.Synced, async (c, t) =>
            {
                started.SetResult();
                await release.Task;
                return 1;
            }, CancellationToken.None);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var second = database.WriteAsync(Durability.Synced, (c, t) => Task.FromResult(2), CancellationToken.None);

            await using (var reader = await database.OpenAsync(CancellationToken.None))
            {
                Assert.Equal(1, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_version;"));
                Assert.False(second.IsCompleted, "a second writer waits while the first holds the gate");
            }
            release.SetResult();
            var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal([1, 2], results);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.TryDelete(folder);
        }
    }
}
