using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>API keys in SQLite.</summary>
public sealed class SqliteApiKeyRepository(SqliteDatabase database) : SqlApiKeyRepository(database);
