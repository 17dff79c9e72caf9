using Microsoft.Extensions.Options;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Server;

/// <summary>
/// The <c>Database</c> section. <c>Database:Provider</c>: SQLite (embedded, one instance) or PostgreSQL (shared
/// by several instances). Each repository is wrapped as it is built by the host's <c>IRepositoryDecorator</c>
/// (the telemetry's spans and call counts).
/// </summary>
public static class DatabaseRegistration
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        // An unknown provider gets SQLite's services, which never run: DatabaseOptionsValidator stops the start
        // first, with the other bad values, instead of an exception here that hides them. Each provider binds
        // the Database section's keys it reads; DatabaseOptionsValidator checks them all.
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptionsValidator.Sqlite;
        if (string.Equals(provider, DatabaseOptionsValidator.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            services.AddPostgresUploads(DatabaseOptions.Section);
        }
        else
        {
            services.AddSqliteUploads(DatabaseOptions.Section)
                .Configure<IOptions<UploadsOptions>>((sqlite, uploads) => sqlite.DataDirectory = uploads.Value.DataDirectory);
        }
        return services;
    }
}
