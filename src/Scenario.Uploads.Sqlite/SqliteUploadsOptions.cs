using Microsoft.Data.Sqlite;

namespace Scenario.Uploads.Sqlite;

/// <summary>What SQLite reads of the host's database section (<c>Database</c> in the service).</summary>
public sealed class SqliteUploadsOptions
{
    /// <summary>The file the database is in when <see cref="ConnectionString"/> is empty, in <see cref="DataDirectory"/>.</summary>
    public const string FileName = "uploads.db";

    /// <summary>Empty: <see cref="FileName"/> in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a command waits for another process's lock on the file; the service checks its range at start.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the file goes by default; set by the host (the service's <c>Uploads:DataDirectory</c>), created on open.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// Why <paramref name="connectionString"/> cannot open a database ("has no Data Source", say), or null;
    /// never the value itself, which may hold a password.
    /// </summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource) ? "has no Data Source" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return $"is not a valid connection string ({e.Message.TrimEnd('.')})";
        }
    }

    /// <summary>The connection string of the database these options name: the configured one, or the default file's.</summary>
    public string EffectiveConnectionString => string.IsNullOrWhiteSpace(ConnectionString)
        ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, FileName) }.ToString()
        : ConnectionString;

    /// <summary>The database these options name, not yet initialised.</summary>
    public SqliteDatabase Open()
    {
        Directory.CreateDirectory(DataDirectory);
        return new SqliteDatabase(EffectiveConnectionString, Timeout);
    }
}
