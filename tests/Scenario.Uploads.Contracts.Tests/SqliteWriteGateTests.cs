using Microsoft.Data.Sqlite;
using Scenario.Testing;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>The in-process write gate of the SQLite database: one writer at a time, never released twice.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_writer_that_fails_to_open_gives_the_gate_back_once_even_after_finalization()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine("/nonexistent", Guid.NewGuid().ToString("N"), "x.db")}");

        await Assert.ThrowsAsync<SqliteException>(() => database.OpenWriterAsync(CancellationToken.None));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // A second release would have thrown on the finalizer thread and killed this process; a missing one
        // would make this second attempt wait for ever instead of failing the same way.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<SqliteException>(() => database.OpenWriterAsync(timeout.Token));
    }

    [Fact]
    public async Task Writers_take_turns_and_readers_do_not_wait_for_them()
    {
        var folder = TempDirectory.Create();
        try
        {
            var database = SqliteDatabase.ForFile(Path.Combine(folder, "gate.db"));
            await database.InitializeAsync(CancellationToken.None);
            var first = await database.OpenWriterAsync(CancellationToken.None);
            var second = database.OpenWriterAsync(CancellationToken.None);

            await using (var reader = await database.OpenAsync(CancellationToken.None))
            {
                Assert.False(second.IsCompleted, "a second writer waits while the first holds the gate");
            }
            await first.DisposeAsync();
            await using var secondConnection = await second.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(System.Data.ConnectionState.Open, secondConnection.State);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.TryDelete(folder);
        }
    }
}
