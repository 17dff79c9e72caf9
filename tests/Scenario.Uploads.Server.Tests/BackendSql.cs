using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// Reads the service's database directly, whichever it is (the SQLite file in the data directory, or the
/// PostgreSQL database in the settings), for tests that check what was committed, not what the API says.
/// </summary>
public static class BackendSql
{
    public static async Task<T> SingleAsync<T>(string dataDirectory, IReadOnlyDictionary<string, string> settings, string sql, object? parameters = null)
    {
        if (settings.TryGetValue("Database:Provider", out var provider) && provider == "Postgres")
        {
            await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
            return await postgres.QuerySingleAsync<T>(sql, parameters);
        }
        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
        return await sqlite.QuerySingleAsync<T>(sql, parameters);
    }
}
