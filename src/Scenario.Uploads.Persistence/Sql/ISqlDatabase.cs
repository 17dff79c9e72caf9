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

    /// <summary>A connection for a write; on SQLite it holds the process's write gate until disposed.</summary>
    Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction on a writer connection whose reads decide its writes: IMMEDIATE on SQLite, so it holds
    /// the database's write lock from the start; a plain one on PostgreSQL, whose statements lock the rows
    /// they read (<see cref="SqlDialect.ForUpdate"/>).
    /// </summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken);
}
