using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>The embedded database as the persistence seams of the service: one instance, one file.</summary>
public static class SqliteRegistration
{
    /// <summary>
    /// Registers SQLite for every persistence seam, its options bound from <paramref name="section"/>; the
    /// returned builder is for what the host adds (the data directory, its checks).
    /// </summary>
    public static OptionsBuilder<SqliteUploadsOptions> AddSqliteUploads(this IServiceCollection services, string section)
    {
        var options = services.AddOptions<SqliteUploadsOptions>().BindConfiguration(section);
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<SqliteUploadsOptions>>().Value.Open();
            // The read cache below is right only while no other process writes the file.
            database.LockExclusively();
            if (sp.GetService<Storage.DiskReserve>() is { } reserve)
            {
                database.ReleaseSpaceWhenFull(reserve.Release);
            }
            return database;
        });
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IBackendFaultClassifier, SqliteFaults>();
        services.AddSingleton<ISqlDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        // Creates go through the group commit like every write; reads of single uploads come from memory.
        services.AddSingleton<IUploadRepository>(sp => new CachedUploadRepository(new SqlUploadRepository(sp.GetRequiredService<ISqlDatabase>())));
        // Each claim runs under the write gate, so no two claims interleave.
        services.AddSingleton<IJobQueue, SqlJobQueue>();
        services.AddSingleton<IEntityRepository, SqlEntityRepository>();
        services.AddSingleton<IApiKeyRepository, SqlApiKeyRepository>();
        services.AddSingleton<Webhooks.IWebhookKeyStore, SqlWebhookKeyStore>();
        return options;
    }
}
