using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>Writes rows as an older build of the service could have, straight to its database (SQLite or PostgreSQL).</summary>
public static class StoredRows
{
    public static Task SetAssetContentTypeAsync(ServiceHost host, string assetId, string contentType) =>
        ExecuteAsync(host, "UPDATE assets SET content_type = @contentType WHERE id = @assetId", new { contentType, assetId });

    private static async Task ExecuteAsync(ServiceHost host, string sql, object parameters)
    {
        int changed;
        if (host.Settings.TryGetValue("Database:Provider", out var provider) && provider == "Postgres")
        {
            await using var postgres = new NpgsqlConnection(host.Settings["Database:ConnectionString"]);
            changed = await postgres.ExecuteAsync(sql, parameters);
        }
        else
        {
            await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "uploads.db")};Pooling=false");
            changed = await sqlite.ExecuteAsync(sql, parameters);
        }
        Assert.Equal(1, changed);
    }
}
