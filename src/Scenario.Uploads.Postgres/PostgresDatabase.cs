using Dapper;
using Npgsql;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Several service instances share the
/// database, so the schema is created under an advisory lock and every state change is a compare-and-set.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    // Any constant shared by all instances; "scenario" in ASCII.
    private const long SchemaLockKey = 0x7363656e6172696f;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Instances that start together queue on the lock: the first creates or migrates, the others then
    /// find the version current. Without it, two concurrent CREATE TABLE IF NOT EXISTS can still collide.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key);", new { key = SchemaLockKey }, transaction);
        await connection.ExecuteAsync(PostgresSchema.Create, transaction: transaction);
        await SchemaMigrations.ApplyAsync(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_version;") > 0;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
