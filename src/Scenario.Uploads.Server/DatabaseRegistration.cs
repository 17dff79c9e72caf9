using Microsoft.Extensions.Options;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Server;

/// <summary><c>Database:Provider</c>: SQLite (embedded, one instance) or PostgreSQL (shared by several instances).</summary>
public static class DatabaseRegistration
{
    public static void AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
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
    }
}
