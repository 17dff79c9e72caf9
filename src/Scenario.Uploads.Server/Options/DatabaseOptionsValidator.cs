using Microsoft.Extensions.Options;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Sqlite;

namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Database</c> section, checked at start; a connection string is never echoed, it may hold a password.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private const string PostgresExample = "Host=db;Username=uploads;Password=…;Database=uploads";

    public static bool IsPostgres(DatabaseOptions options) => string.Equals(options.Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        const string s = DatabaseOptions.Section;
        var rules = new ConfigurationRules(configuration);
        rules.OneOf($"{s}:Provider", options.Provider, Sqlite, Postgres);
        rules.Duration($"{s}:Timeout", options.Timeout, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        var connectionString = options.ConnectionString;
        if (IsPostgres(options))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                rules.Fail($"{s}:ConnectionString", connectionString, $"an Npgsql connection string when {s}:Provider is {Postgres}, such as {PostgresExample}");
            }
            else if (PostgresUploadsOptions.ConnectionStringProblem(connectionString) is { } problem)
            {
                rules.FailHidden($"{s}:ConnectionString", problem, $"an Npgsql connection string such as {PostgresExample}");
            }
        }
        else if (!string.IsNullOrWhiteSpace(connectionString) && SqliteUploadsOptions.ConnectionStringProblem(connectionString) is { } problem)
        {
            rules.FailHidden($"{s}:ConnectionString", problem,
                "a SQLite connection string such as Data Source=/srv/uploads/uploads.db, or nothing for uploads.db in Uploads:DataDirectory");
        }
        return rules.Result();
    }
}
