using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;
using SQLitePCL;

namespace Scenario.Uploads.Sqlite;

/// <summary>The embedded database: one SQLite file in WAL mode, a connection per operation from the pool.</summary>
public sealed class SqliteDatabase : IDatabase, ISqlDatabase, IDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<SqliteBatchWriter> _batchWriter;
    private FileStream? _ownerLock;
    private Func<bool>? _releaseSpace;
    private int _disposed;

    // One writer at a time, queued here without blocking a thread. Left to SQLite, concurrent writers get
    // SQLITE_BUSY and Microsoft.Data.Sqlite retries after coarse sleeps, which lengthen the slowest creates
    // under load far beyond the write itself. Other processes on the same file still meet busy_timeout.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // synchronous is a setting of the native handle, which the pool keeps open: set it only when it changes.
    private readonly ConditionalWeakTable<sqlite3, StrongBox<bool?>> _durable = new();

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="timeout">
    /// How long a command waits for another process's lock on the file before it fails (as a 503): busy
    /// waits are retried by Microsoft.Data.Sqlite up to this command timeout.
    /// </param>
    public SqliteDatabase(string connectionString, TimeSpan? timeout = null)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling((timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds)),
        }.ToString();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        _batchWriter = new(() => new SqliteBatchWriter(_connectionString, _writeGate, () => _releaseSpace?.Invoke() == true));
    }

    /// <summary>
    /// What gives back disk space kept for the moment the disk is full (true when it did): a batched write that
    /// failed with SQLITE_FULL calls it and runs once more.
    /// </summary>
    public void ReleaseSpaceWhenFull(Func<bool> release) => _releaseSpace = release;

    public static SqliteDatabase ForFile(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>
    /// Makes this process the file's only user until disposed, by an exclusive lock on <c>FILE.owner</c>
    /// (flock, released by the kernel when the process dies): a second service started on the same data
    /// directory stops at start-up with a message, instead of running sweepers and serving cached reads
    /// against writes it cannot see.
    /// </summary>
    public void LockExclusively()
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }
        var path = Path.GetFullPath(builder.DataSource) + ".owner";
        try
        {
            // .NET takes FileShare.None as flock(LOCK_EX | LOCK_NB) on Unix and as a share mode on Windows.
            _ownerLock ??= new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Another Scenario Uploads service is using the database {builder.DataSource} (lock {path} is held). "
                + "Stop it, or give this one its own Uploads:DataDirectory; to run several instances, use PostgreSQL and S3.", e);
        }
    }

    public void Dispose()
    {
        // The container disposes it once per service it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_batchWriter.IsValueCreated)
        {
            _batchWriter.Value.Dispose();
        }
        _ownerLock?.Dispose();
        _ownerLock = null;
    }

    public SqlDialect Dialect => SqliteDialect.Instance;

    /// <summary>A connection for reads (and the start-up schema work).</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(durable: true, cancellationToken);

    /// <summary>
    /// A connection for a write, holding this process's write gate until it is disposed; its commits are on
    /// disk before they return (synchronous = FULL).
    /// </summary>
    public Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenGatedAsync(durable: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction shared with the other writes queued meanwhile (group
    /// commit), under the write gate; its result once that transaction is committed. <paramref name="durable"/>:
    /// on disk before it returns (synchronous = FULL), or else possibly lost on power loss (NORMAL: never
    /// corrupted, and made durable by the next FULL commit, since that one syncs the whole write-ahead log).
    /// </summary>
    public Task<T> WriteBatchedAsync<T>(bool durable, Func<SqliteBatch, Task<T>> work, CancellationToken cancellationToken) =>
        _batchWriter.Value.WriteAsync(durable, work, cancellationToken);

    /// <summary>
    /// The shared repositories' small writes of every upload (a part's record, complete, each job step, the
    /// job's claim and end) as durable items of the group commit: under 16 concurrent small uploads they each
    /// held the write gate for their own transaction and its log sync (about seven per file, one after the
    /// other); batched, one sync serves every write queued meanwhile, and each is still on disk when it returns
    /// (a <see cref="Durability.Redoable"/> one: on disk with the next synced one).
    /// </summary>
    Task<T> ISqlDatabase.WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteBatchedAsync(durability == Durability.Synced, batch => work(batch.Connection, batch.Transaction), cancellationToken);

    Task<T> ISqlDatabase.WriteStatementAsync<T>(Durability durability, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        WriteBatchedAsync(durability == Durability.Synced, batch => work(batch.Connection, batch.Transaction), cancellationToken);

    async Task<DbConnection> ISqlDatabase.OpenReaderAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    async Task<DbConnection> ISqlDatabase.OpenWriterAsync(CancellationToken cancellationToken) => await OpenWriterAsync(cancellationToken);

    /// <summary>IMMEDIATE: takes the write lock at once, so the transaction's reads still hold when it writes.</summary>
    public Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)writer).BeginTransaction(deferred: false));

    private async Task<SqliteConnection> OpenGatedAsync(bool durable, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        var connection = new GatedConnection(_connectionString, _writeGate);
        try
        {
            return await OpenAsync(connection, durable, cancellationToken);
        }
        catch
        {
            // Disposing gives the gate back exactly once. Releasing it here by hand as well would let the
            // connection's finalizer release it a second time later: SemaphoreFullException on the
            // finalizer thread, which takes the whole process down.
            connection.Dispose();
            throw;
        }
    }

    private Task<SqliteConnection> OpenAsync(bool durable, CancellationToken cancellationToken) =>
        OpenAsync(new SqliteConnection(_connectionString), durable, cancellationToken);

    private async Task<SqliteConnection> OpenAsync(SqliteConnection connection, bool durable, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        var state = _durable.GetValue(connection.Handle!, _ => new StrongBox<bool?>(null));
        if (state.Value != durable)
        {
            // FULL: a committed part record survives power loss, as the part bytes do (they are fsynced).
            await connection.ExecuteAsync(durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            state.Value = durable;
        }
        return connection;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await SchemaMigrations.CreateOrUpgradeAsync(connection, SqliteSchema.Create, first: null, cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await SchemaMigrations.IsPresentAsync(connection);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>A pooled connection that gives the write gate back when it is disposed.</summary>
    private sealed class GatedConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
