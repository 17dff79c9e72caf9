using Dapper;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Sqlite;

/// <summary>The embedded database: one SQLite file in WAL mode, a connection per operation from the pool.</summary>
public sealed class SqliteDatabase : IDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string connectionString)
    {
        // Busy waits are retried by Microsoft.Data.Sqlite up to the command timeout.
        _connectionString = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public static SqliteDatabase ForFile(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // FULL: a committed part record survives power loss, as the part bytes do (they are fsynced).
        await connection.ExecuteAsync("PRAGMA synchronous = FULL;");
        return connection;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(SqliteSchema.Create, transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_version;") > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
