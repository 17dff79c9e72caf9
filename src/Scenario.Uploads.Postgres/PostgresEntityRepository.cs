using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>Assets and models in PostgreSQL.</summary>
public sealed class PostgresEntityRepository(PostgresDatabase database) : SqlEntityRepository(database);
