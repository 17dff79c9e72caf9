using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// Uploads and their parts in PostgreSQL: the transaction that checks an upload's status locks its row, so a
/// part write and the complete action on another instance cannot interleave.
/// </summary>
public sealed class PostgresUploadRepository(PostgresDatabase database) : SqlUploadRepository(database);
