using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>Assets and models in SQLite.</summary>
public sealed class SqliteEntityRepository(SqliteDatabase database) : SqlEntityRepository(database);
