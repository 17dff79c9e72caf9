using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Uploads.Sqlite;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Operator;

/// <summary>
/// The database the configuration names, as DatabaseRegistration opens it: what the start-up print shows and
/// what the keys command opens.
/// </summary>
internal static class ConfiguredDatabase
{
    public static bool IsPostgres(DatabaseOptions options) => DatabaseOptionsValidator.IsPostgres(options);

    /// <summary>SQLite's own rule for where its database is (the default file in the data directory, or the configured one).</summary>
    public static string SqliteConnectionString(DatabaseOptions options, UploadsOptions uploads) =>
        new SqliteUploadsOptions { ConnectionString = options.ConnectionString, DataDirectory = uploads.DataDirectory }.EffectiveConnectionString;

    /// <summary>The SQLite file, absolute; null for an in-memory database.</summary>
    public static string? SqliteFile(DatabaseOptions options, UploadsOptions uploads)
    {
        var builder = new SqliteConnectionStringBuilder(SqliteConnectionString(options, uploads));
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Provider and place, never a password: <c>Sqlite, /srv/uploads/uploads.db</c> or <c>Postgres, host db port 5432, database uploads</c>.</summary>
    public static string Describe(DatabaseOptions options, UploadsOptions uploads)
    {
        if (!IsPostgres(options))
        {
            return $"{DatabaseOptionsValidator.Sqlite}, {SqliteFile(options, uploads) ?? "in memory"}";
        }
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"{DatabaseOptionsValidator.Postgres}, host {builder.Host} port {builder.Port}, database {builder.Database ?? "(the user's default)"}";
    }
}
