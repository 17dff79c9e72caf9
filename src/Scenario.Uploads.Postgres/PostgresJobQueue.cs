using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// The job queue in PostgreSQL, shared by every instance: a claim skips rows another instance is claiming,
/// so workers never wait on each other.
/// </summary>
public sealed class PostgresJobQueue(PostgresDatabase database) : SqlJobQueue(database);
