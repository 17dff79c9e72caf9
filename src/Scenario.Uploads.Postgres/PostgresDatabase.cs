using System.Diagnostics;
using System.Data.Common;
using Dapper;
using Npgsql;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Several service instances share the
/// database, so the schema is created under an advisory lock and every state change is a compare-and-set.
/// </summary>
public sealed class PostgresDatabase : IDatabase, ISqlDatabase, IAsyncDisposable
{
    // Any constant shared by all instances; "scenario" in ASCII.
    private const long SchemaLockKey = 0x7363656e6172696f;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Npgsql's spans only inside an operation we trace (a request, a job step): the job worker's idle polls,
        // several a second on every instance, would otherwise each be a root span, and they filled the trace
        // exporter's queue until it dropped the spans that matter.
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)
            .EnablePhysicalOpenTracing(false));
        _dataSource = builder.Build();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public SqlDialect Dialect => PostgresDialect.Instance;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    async Task<DbConnection> ISqlDatabase.OpenReaderAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    /// <summary>Any pooled connection: PostgreSQL orders writers itself, by the rows they lock.</summary>
    async Task<DbConnection> ISqlDatabase.OpenWriterAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    public async Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken) =>
        await writer.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Instances that start together queue on the lock: the first creates or migrates, the others then
    /// find the version current. Without it, two concurrent CREATE TABLE IF NOT EXISTS can still collide.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SchemaMigrations.CreateOrUpgradeAsync(connection, PostgresSchema.Create,
            transaction => connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key);", new { key = SchemaLockKey }, transaction),
            cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await SchemaMigrations.IsPresentAsync(connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
