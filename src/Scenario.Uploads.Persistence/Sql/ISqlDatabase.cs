using System.Data.Common;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// What the shared repositories need of a database: its dialect and its connections. Readers and writers
/// are apart because SQLite lets one writer in at a time (its write gate) and PostgreSQL does not care.
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

    /// <summary>A connection for a write; on SQLite it holds the process's write gate until disposed.</summary>
    Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction on a writer connection whose reads decide its writes: IMMEDIATE on SQLite, so it holds
    /// the database's write lock from the start; a plain one on PostgreSQL, whose statements lock the rows
    /// they read (<see cref="SqlDialect.ForUpdate"/>).
    /// </summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (<see cref="BeginWriteAsync"/>) and commits what it
    /// wrote before returning its result, on disk as <paramref name="durability"/> asks. A database may share that transaction with other writes
    /// queued meanwhile (SQLite's group commit: one log sync for many small writes instead of one each), so
    /// <paramref name="work"/> runs only statements on the connection and transaction it is given, commits
    /// whatever it wrote on every path it returns by (never relying on a rollback), and may run a second time
    /// if a write it shared the transaction with failed.
    /// </summary>
    async Task<T> WriteAsync<T>(Durability durability, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for one statement that needs no transaction of its own: PostgreSQL runs it as
    /// it comes (autocommit, no BEGIN and COMMIT round trips, <paramref name="work"/> given a null transaction);
    /// SQLite still adds it to its group commit.
    /// </summary>
    async Task<T> WriteStatementAsync<T>(Durability durability, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken);
        return await work(connection, null);
    }
}
