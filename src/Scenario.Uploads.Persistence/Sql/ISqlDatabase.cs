using System.Data.Common;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// What the shared repositories need of a database: its dialect, its reads and its one way to write
/// (<see cref="WriteAsync{T}"/>), as Quartz.NET's job store runs one delegate's SQL over each database's
/// connections. Every write of the repositories goes through <see cref="WriteAsync{T}"/>.
/// </summary>
public interface ISqlDatabase
{
    SqlDialect Dialect { get; }

    /// <summary>A connection for reads.</summary>
    Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="read"/> on a reader connection and returns its result. A database may run it again
    /// on a fresh connection when the first one broke before answering (PostgreSQL after a restart): reads
    /// change nothing, so that is always safe, and <paramref name="read"/> must not write.
    /// </summary>
    async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction whose reads decide its writes, and commits what it
    /// wrote before returning its result, on disk as <paramref name="durability"/> asks. SQLite's transaction
    /// is IMMEDIATE (it holds the database's write lock from the start) and may be shared with other writes
    /// queued meanwhile (group commit: one log sync for many small writes instead of one each); PostgreSQL's
    /// is a plain one, whose statements lock the rows they read (<see cref="SqlDialect.ForUpdate"/>). So
    /// <paramref name="work"/> runs only statements on the connection and transaction it is given, leaves
    /// written only what it means to commit on every path it returns by (never relying on a rollback), and
    /// may run a second time if a write it shared the transaction with failed.
    /// </summary>
    Task<T> WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for one statement, which needs no transaction of its own: a database may run
    /// it as it comes (PostgreSQL: autocommit, no BEGIN and COMMIT round trips, <paramref name="work"/> given a
    /// null transaction).
    /// </summary>
    Task<T> WriteStatementAsync<T>(Durability durability, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(durability, (connection, transaction) => work(connection, transaction), cancellationToken);
}
