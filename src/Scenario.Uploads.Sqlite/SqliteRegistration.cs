using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;
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
        services.AddSingleton<IBackendFaultClassifier, SqliteFaults>();
        // Every write, creates too, goes through the group commit; reads of single uploads come from memory.
        services.AddSqlRepositories<SqliteDatabase>(uploads => new CachedUploadRepository(uploads));
        return options;
    }
}
