using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;
using SQLitePCL;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in WAL mode; reads on pooled connections, every write in the group
/// commit of <see cref="SqliteBatchWriter"/> (<see cref="WriteAsync{T}"/>).
/// </summary>
public sealed class SqliteDatabase : IDatabase, ISqlDatabase, IDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<SqliteBatchWriter> _batchWriter;
    private FileStream? _ownerLock;
    private Func<bool>? _releaseSpace;
    private int _disposed;

    // One writer at a time (the batch writer, and its checkpoint when the log must start over), queued here
    // without blocking a thread. Left to SQLite, concurrent writers get SQLITE_BUSY and Microsoft.Data.Sqlite
    // retries after coarse sleeps, which lengthen the slowest writes under load far beyond the write itself.
    // Other processes on the same file still meet busy_timeout.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // synchronous is a setting of the native handle, which the pool keeps open: set it once per handle.
    private readonly ConditionalWeakTable<sqlite3, object> _synced = new();

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

    public SqlDialect Dialect { get; } = new SqliteDialect();

    /// <summary>A connection for reads (and the start-up schema work, whose commits are on disk before they return).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_synced.TryGetValue(connection.Handle!, out _))
        {
            await connection.ExecuteAsync("PRAGMA synchronous = FULL;");
            _synced.AddOrUpdate(connection.Handle!, true);
        }
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction shared with the other writes queued meanwhile (group
    /// commit), under the write gate; its result once that transaction is committed: on disk before it returns
    /// when <see cref="Durability.Synced"/> (synchronous = FULL, which also syncs every relaxed commit before
    /// it), or else possibly lost on power loss (NORMAL: never corrupted).
    /// </summary>
    public Task<T> WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _batchWriter.Value.WriteAsync(durability, work, cancellationToken);

    async Task<DbConnection> ISqlDatabase.OpenReaderAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

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
}
