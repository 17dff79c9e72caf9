using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>The job queue in SQLite: each claim runs under the write gate, so no two claims interleave.</summary>
public sealed class SqliteJobQueue(SqliteDatabase database) : SqlJobQueue(database);
