using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>The embedded database as the persistence seams of the service: one instance, one file.</summary>
public static class SqliteRegistration
{
    /// <summary>
    /// Registers SQLite for every persistence seam, its options bound from <paramref name="section"/>; the
    /// returned builder is for what the host adds (the data directory, its checks). Every write, creates too,
    /// goes through the group commit; reads of single uploads come from memory.
    /// </summary>
    public static OptionsBuilder<SqliteUploadsOptions> AddSqliteUploads(this IServiceCollection services, string section) =>
        services.AddSqlDatabase<SqliteUploadsOptions, SqliteDatabase, SqliteFaults>(section, Open, uploads => new CachedUploadRepository(uploads));

    private static SqliteDatabase Open(IServiceProvider services, SqliteUploadsOptions options)
    {
        var database = options.Open();
        // The read cache is right only while no other process writes the file.
        database.LockExclusively();
        if (services.GetService<Storage.DiskReserve>() is { } reserve)
        {
            database.ReleaseSpaceWhenFull(reserve.Release);
        }
        return database;
    }
}
