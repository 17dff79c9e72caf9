using Npgsql;

namespace Scenario.Uploads.Postgres;

/// <summary>What PostgreSQL reads of the host's database section (<c>Database</c> in the service).</summary>
public sealed class PostgresUploadsOptions
{
    /// <summary>An Npgsql connection string; required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The longest a connection attempt, a wait for a pooled connection or a command may take (unless the
    /// connection string sets its own); the service checks its range at start.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Why <paramref name="connectionString"/> cannot reach a server ("has no Host", say), or null; never the
    /// value itself, which may hold a password.
    /// </summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host) ? "has no Host" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return $"is not a valid connection string ({e.Message.TrimEnd('.')})";
        }
    }
}
