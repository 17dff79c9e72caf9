using System.Diagnostics;
using System.Data.Common;
using Dapper;
using Npgsql;
using Polly;
using Polly.Retry;
using Scenario.Uploads.Backends;
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
    private readonly ResiliencePipeline _retries;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="timeout">
    /// How long a connection attempt, a wait for a pooled connection and a command may take, unless the
    /// connection string sets its own <c>Timeout</c> or <c>Command Timeout</c>: a request waiting on a hung
    /// server ends, as a 503, instead of hanging with its client.
    /// </param>
    public PostgresDatabase(string connectionString, TimeSpan? timeout = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (timeout is { } bound)
        {
            ApplyTimeout(builder.ConnectionStringBuilder, connectionString, bound);
        }
        // Npgsql's spans only inside an operation we trace (a request, a job step): the job worker's idle polls,
        // several a second on every instance, would otherwise each be a root span, and they filled the trace
        // exporter's queue until it dropped the spans that matter.
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)
            .EnablePhysicalOpenTracing(false));
        _dataSource = builder.Build();
        _retries = RetryPipeline();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private static void ApplyTimeout(NpgsqlConnectionStringBuilder builder, string connectionString, TimeSpan timeout)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = seconds;
        }
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = seconds;
        }
    }

    /// <summary>
    /// Two more tries, 100 ms and then about 200 ms later, of what is safe to send again (opening a connection,
    /// a read) when the server was unreachable or restarting: after a restart every idle pooled connection
    /// is dead, and the first command on each fails. A timeout is not tried again, which would only
    /// multiply the wait of a client already kept waiting.
    /// </summary>
    private static ResiliencePipeline RetryPipeline()
    {
        var faults = new PostgresFaults();
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e =>
                    faults.Classify(e) is { Kind: not BackendFaultKinds.Timeout }),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public SqlDialect Dialect { get; } = new PostgresDialect();

    /// <summary>A pooled connection, opened again if the server was unreachable or restarting (nothing was sent).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _retries.ExecuteAsync(static async (source, token) => await source.OpenConnectionAsync(token), _dataSource, cancellationToken);

    /// <summary>A read, run again on a fresh connection when the one it had broke (see <see cref="RetryPipeline"/>).</summary>
    Task<T> ISqlDatabase.ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        _retries.ExecuteAsync(async token =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(token);
            return await read(connection);
        }, cancellationToken).AsTask();

    async Task<DbConnection> ISqlDatabase.OpenReaderAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    /// <summary>
    /// A transaction on any pooled connection: PostgreSQL orders writers itself, by the rows they lock, and
    /// commits every write durably, whatever <paramref name="durability"/> allows.
    /// </summary>
    public async Task<T> WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>One statement as it comes (autocommit): no BEGIN and COMMIT round trips.</summary>
    public async Task<T> WriteStatementAsync<T>(Durability durability, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection, null);
    }

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
