using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// Group commit: writes queued while another batch commits share the next transaction, on one long-lived
/// connection whose prepared statements are kept (<see cref="PreparedConnection"/>). Under concurrent
/// writes one commit (and one write-ahead-log append and sync) then serves every write queued meanwhile,
/// where each write would otherwise hold the write gate for a connection open, statement preparation and commit.
/// </summary>
/// <remarks>
/// A batch holds the database's write gate, so it still excludes every other writer of this process. When
/// one item throws, the batch is rolled back and each item runs again in its own transaction, so only that
/// one fails; a failed commit fails every item of the batch, none of which is then in the database. A commit
/// that failed for want of disk space runs once more after the disk's reserve gave space back, and a batch that
/// fails takes its connection with it (the next opens a new one), so a full disk never leaves the writer broken.
/// </remarks>
internal sealed class SqliteBatchWriter : IDisposable
{
    /// <summary>The most items one transaction takes, so a long queue cannot hold the gate for long.</summary>
    private const int MaxBatch = 128;

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Log pages (4 KiB) past which the checkpoint makes writers wait so the log can start over (16 MiB):
    /// the log stays within a few times this. A larger limit makes the waits rarer but each one longer.
    /// </summary>
    private const long MaxLogFrames = 4096;

    private readonly Channel<IBatchItem> _queue = Channel.CreateUnbounded<IBatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly Task _loop;
    private readonly Task _checkpoints;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<bool> _releaseSpace;
    private int _commitsSinceCheckpoint;

    // The loop's own, used by it alone.
    private PreparedConnection? _connection;
    private bool? _syncedSetting;

    /// <param name="connectionString">The database's.</param>
    /// <param name="writeGate">The process's one writer at a time.</param>
    /// <param name="releaseSpace">Gives back space kept for a full disk; true when it did (the write is then tried again once).</param>
    public SqliteBatchWriter(string connectionString, SemaphoreSlim writeGate, Func<bool> releaseSpace)
    {
        // Its own connection, outside the pool: it keeps its prepared state and synchronous setting to itself.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _writeGate = writeGate;
        _releaseSpace = releaseSpace;
        _loop = Task.Run(RunAsync);
        _checkpoints = Task.Run(CheckpointAsync);
    }

    /// <summary>Runs <paramref name="work"/> in the next batch; its result once that batch is committed.</summary>
    public Task<T> WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new BatchItem<T>(durability, work, cancellationToken);
        return _queue.Writer.TryWrite(item) ? item.Result : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteDatabase)));
    }

    public void Dispose()
    {
        if (!_queue.Writer.TryComplete())
        {
            return; // disposed already
        }
        // The loop finishes what is queued, then closes its connection.
        _loop.Wait(TimeSpan.FromSeconds(30));
        _stopping.Cancel();
        _checkpoints.Wait(TimeSpan.FromSeconds(30));
        _stopping.Dispose();
    }

    /// <summary>
    /// Copies the write-ahead log into the database beside the writer rather than in its way: SQLite's own
    /// automatic checkpoint runs inside a commit, and its fsync there would stall every queued create. A PASSIVE checkpoint takes no write lock; the log restarts once a checkpoint has caught up.
    /// </summary>
    private async Task CheckpointAsync()
    {
        using var timer = new PeriodicTimer(CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                if (Interlocked.Exchange(ref _commitsSinceCheckpoint, 0) == 0)
                {
                    continue;
                }
                try
                {
                    await using var connection = new SqliteConnection(_connectionString);
                    await connection.OpenAsync(_stopping.Token);
                    var (_, logFrames, _) = await PassiveCheckpointAsync(connection);
                    if (logFrames > MaxLogFrames)
                    {
                        // Under a steady stream of writes a checkpoint never catches up with the log, and
                        // the log only starts over once one has: catch up once with writers held back.
                        await _writeGate.WaitAsync(_stopping.Token);
                        try
                        {
                            await PassiveCheckpointAsync(connection);
                        }
                        finally
                        {
                            _writeGate.Release();
                        }
                    }
                }
                catch (SqliteException)
                {
                    // Busy or failing now: the next tick tries again, and other writers still checkpoint.
                    Interlocked.Increment(ref _commitsSinceCheckpoint);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<(long Busy, long LogFrames, long Checkpointed)> PassiveCheckpointAsync(SqliteConnection connection) =>
        await connection.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(PASSIVE);");

    private async Task RunAsync()
    {
        var batch = new List<IBatchItem>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                await _writeGate.WaitAsync();
                try
                {
                    while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    {
                        if (!item.CancelIfRequested())
                        {
                            batch.Add(item);
                        }
                    }
                    if (batch.Count == 0)
                    {
                        continue;
                    }
                    await CommitAsync(batch);
                }
                catch (Exception e)
                {
                    foreach (var item in batch)
                    {
                        item.Fail(e);
                    }
                    batch.Clear();
                    // A new connection for the next batch: nothing of this one's state (a transaction SQLite may
                    // have rolled back by itself, after a full disk say) carries over.
                    CloseConnection();
                }
                finally
                {
                    _writeGate.Release();
                }
                foreach (var item in batch)
                {
                    item.Complete();
                }
                batch.Clear();
            }
        }
        finally
        {
            CloseConnection();
        }
    }

    private async Task CommitAsync(List<IBatchItem> batch)
    {
        try
        {
            await CommitOnceAsync(batch);
        }
        // Nothing of a batch whose commit failed is in the database: once the disk's reserve gave space back, it
        // runs again, and the writes that free space (abort, expiry, delete) go through on a full disk.
        catch (SqliteException e) when (SqliteFull.Is(e) && _releaseSpace())
        {
            CloseConnection();
            await CommitOnceAsync(batch);
        }
    }

    private async Task CommitOnceAsync(List<IBatchItem> batch)
    {
        // FULL when any item needs it; a FULL commit also makes earlier NORMAL ones durable.
        var connection = await ConnectionAsync(synced: batch.Exists(i => i.Durability == Durability.Synced));
        if (await TryRunTogetherAsync(connection, batch))
        {
            return;
        }
        if (batch.Exists(i => i.FailedForSpace))
        {
            _releaseSpace();
        }
        // One item failed and took the shared transaction with it: each goes alone, so only the failing one fails.
        // Items are plain database work, safe to run again.
        foreach (var item in batch)
        {
            await RunAloneAsync(connection, item);
        }
    }

    private async Task<PreparedConnection> ConnectionAsync(bool synced)
    {
        if (_connection is null)
        {
            var connection = new PreparedConnection(_connectionString);
            await connection.OpenAsync();
            _connection = connection;
            // Checkpoints are CheckpointAsync's; once the log starts over its file is cut back.
            await connection.ExecuteAsync("PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;");
        }
        if (_syncedSetting != synced)
        {
            await _connection.ExecuteAsync(synced ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            _syncedSetting = synced;
        }
        return _connection;
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
        _syncedSetting = null;
    }

    /// <summary>IMMEDIATE: the write lock from the start, so each item's reads still hold when it writes.</summary>
    private static SqliteTransaction Begin(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    private async Task<bool> TryRunTogetherAsync(SqliteConnection connection, List<IBatchItem> batch)
    {
        await using var transaction = Begin(connection);
        foreach (var item in batch)
        {
            if (!await item.RunAsync(connection, transaction))
            {
                return false; // disposing the transaction rolls it back
            }
        }
        transaction.Commit();
        Interlocked.Increment(ref _commitsSinceCheckpoint);
        return true;
    }

    private async Task RunAloneAsync(SqliteConnection connection, IBatchItem item)
    {
        try
        {
            await using var transaction = Begin(connection);
            if (await item.RunAsync(connection, transaction))
            {
                transaction.Commit();
                Interlocked.Increment(ref _commitsSinceCheckpoint);
            }
        }
        catch (SqliteException e)
        {
            // Its own commit failed (a full disk): it alone fails; the items committed before it stand.
            item.Fail(e);
        }
    }
}
