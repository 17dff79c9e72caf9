using Microsoft.Extensions.Options;
using Scenario.Uploads.Persistence;
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
        // first, with the other bad values, instead of an exception here that hides them.
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptionsValidator.Sqlite;
        if (string.Equals(provider, DatabaseOptionsValidator.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            AddPostgres(services);
        }
        else
        {
            AddSqlite(services);
        }
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<IOptions<UploadsOptions>>().Value.DataDirectory;
            Directory.CreateDirectory(dataDirectory);
            var database = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? SqliteDatabase.ForFile(Path.Combine(dataDirectory, "uploads.db"))
                : new SqliteDatabase(options.ConnectionString);
            // The read cache below is right only while no other process writes the file.
            database.LockExclusively();
            return database;
        });
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IUploadRepository>(sp => new CachedUploadRepository(new SqliteUploadRepository(sp.GetRequiredService<SqliteDatabase>())));
        services.AddSingleton<IJobQueue, SqliteJobQueue>();
        services.AddSingleton<IEntityRepository, SqliteEntityRepository>();
        services.AddSingleton<IApiKeyRepository, SqliteApiKeyRepository>();
    }

    private static void AddPostgres(IServiceCollection services)
    {
        // Database:ConnectionString is required here: DatabaseOptionsValidator says so at start.
        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IUploadRepository, PostgresUploadRepository>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<IEntityRepository, PostgresEntityRepository>();
        services.AddSingleton<IApiKeyRepository, PostgresApiKeyRepository>();
    }
}
