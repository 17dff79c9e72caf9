using Scenario.Testing;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Persistence.Sql;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>One implementation of the persistence seams on a fresh, initialised database.</summary>
public sealed record PersistenceSet(IDatabase Database, IUploadRepository Uploads, IJobQueue Jobs, IEntityRepository Entities, IApiKeyRepository ApiKeys)
{
    public static async Task<PersistenceSet> SqliteAsync()
    {
        var database = SqliteDatabase.ForFile(Path.Combine(TempDirectory.Create(), "uploads.db"));
        await database.InitializeAsync(CancellationToken.None);
        return Over(database);
    }

    /// <summary>SQLite behind the in-memory read cache the service puts in front of it.</summary>
    public static async Task<PersistenceSet> CachedSqliteAsync()
    {
        var set = await SqliteAsync();
        return set with { Uploads = new CachedUploadRepository(set.Uploads) };
    }

    public static async Task<PersistenceSet> PostgresAsync()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        var database = new PostgresDatabase(await TestBackend.CreateDatabaseAsync());
        await database.InitializeAsync(CancellationToken.None);
        return Over(database);
    }

    private static PersistenceSet Over<T>(T database)
        where T : IDatabase, ISqlDatabase =>
        new(database, new SqlUploadRepository(database), new SqlJobQueue(database), new SqlEntityRepository(database), new SqlApiKeyRepository(database));
}
