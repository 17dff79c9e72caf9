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
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"] ?? "Sqlite";
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            AddPostgres(services, configuration);
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            AddSqlite(services);
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is unknown; use Sqlite or Postgres.");
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

    private static void AddPostgres(IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{DatabaseOptions.Section}:ConnectionString"]))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but Database:ConnectionString is empty; set it, e.g. Host=db;Username=uploads;Password=…;Database=uploads.");
        }
        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IUploadRepository, PostgresUploadRepository>();
        services.AddSingleton<IJobQueue, PostgresJobQueue>();
        services.AddSingleton<IEntityRepository, PostgresEntityRepository>();
        services.AddSingleton<IApiKeyRepository, PostgresApiKeyRepository>();
    }
}
