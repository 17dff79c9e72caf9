using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Server.Operator;

/// <summary>The API keys of the configured database, opened for the keys command.</summary>
internal sealed class KeyStore : IAsyncDisposable
{
    private readonly Func<ValueTask> _close;

    private KeyStore(IApiKeyRepository keys, string description, Func<ValueTask> close)
    {
        Keys = keys;
        Description = description;
        _close = close;
    }

    public IApiKeyRepository Keys { get; }

    /// <summary>Which database, for the operator: <c>Sqlite, /srv/uploads/uploads.db</c>.</summary>
    public string Description { get; }

    /// <param name="create">Create the SQLite file when there is none (keys create); else a missing file is a mistyped data directory.</param>
    /// <returns>null, with the reason written to <paramref name="error"/>, when there is no database to open.</returns>
    public static async Task<KeyStore?> OpenAsync(DatabaseOptions options, UploadsOptions uploads, bool create, TextWriter error, CancellationToken cancellationToken)
    {
        var description = ConfiguredDatabase.Describe(options, uploads);
        if (ConfiguredDatabase.IsPostgres(options))
        {
            // Safe beside running instances: they share this database by design, and the schema step takes its advisory lock.
            var postgres = new PostgresDatabase(options.ConnectionString!);
            try
            {
                await postgres.InitializeAsync(cancellationToken);
            }
            catch
            {
                await postgres.DisposeAsync();
                throw;
            }
            return new KeyStore(new SqlApiKeyRepository(postgres), description, postgres.DisposeAsync);
        }
        var file = ConfiguredDatabase.SqliteFile(options, uploads);
        if (file is null)
        {
            error.WriteLine("Database:ConnectionString names an in-memory SQLite database: it holds no keys outside the service.");
            return null;
        }
        if (!create && !File.Exists(file))
        {
            error.WriteLine($"There is no database at {file}: check Uploads:DataDirectory (the service creates it on its first start).");
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var sqlite = new SqliteDatabase(ConfiguredDatabase.SqliteConnectionString(options, uploads));
        try
        {
            if (TryLock(sqlite))
            {
                await sqlite.InitializeAsync(cancellationToken);
            }
        }
        catch
        {
            sqlite.Dispose();
            throw;
        }
        return new KeyStore(new SqlApiKeyRepository(sqlite), description, () =>
        {
            sqlite.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => _close();

    // A running service holds this lock. It is there for the service's cache of uploads, which another
    // process's writes would make stale, and for its sweepers; this command touches only api_keys, which the
    // service reads afresh (bar its 10 s credential cache), and SQLite serializes writers across processes
    // (WAL, busy timeout). So it goes on without the lock, leaving the schema to the service that holds it;
    // without a service, it holds the lock itself, so none starts midway, and creates or migrates the schema.
    private static bool TryLock(SqliteDatabase database)
    {
        try
        {
            database.LockExclusively();
            return true;
        }
        catch (InvalidOperationException e) when (e.InnerException is IOException)
        {
            return false;
        }
    }
}
