using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Persistence;

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
        services.AddSingleton<IUploadRepository>(sp => sp.Decorated<IUploadRepository>(new CachedUploadRepository(new SqliteUploadRepository(sp.GetRequiredService<SqliteDatabase>()))));
        services.AddSingleton<IJobQueue>(sp => sp.Decorated<IJobQueue>(ActivatorUtilities.CreateInstance<SqliteJobQueue>(sp)));
        services.AddSingleton<IEntityRepository>(sp => sp.Decorated<IEntityRepository>(ActivatorUtilities.CreateInstance<SqliteEntityRepository>(sp)));
        services.AddSingleton<IApiKeyRepository>(sp => sp.Decorated<IApiKeyRepository>(ActivatorUtilities.CreateInstance<SqliteApiKeyRepository>(sp)));
        services.AddSingleton<Webhooks.IWebhookKeyStore>(sp => new Persistence.Sql.SqlWebhookKeyStore(sp.GetRequiredService<SqliteDatabase>()));
        return options;
    }
}
