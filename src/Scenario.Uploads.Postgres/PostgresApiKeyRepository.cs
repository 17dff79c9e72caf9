using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>API keys in PostgreSQL.</summary>
public sealed class PostgresApiKeyRepository(PostgresDatabase database) : SqlApiKeyRepository(database);
