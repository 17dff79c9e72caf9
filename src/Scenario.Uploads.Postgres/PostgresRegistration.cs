using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>PostgreSQL as the persistence seams of the service, shared by every instance.</summary>
public static class PostgresRegistration
{
    /// <summary>
    /// Registers PostgreSQL for every persistence seam, its options bound from <paramref name="section"/>. No
    /// read cache: other instances write the same rows. The transaction that checks an upload's status locks its
    /// row, so a part write and the complete action on another instance cannot interleave; a job's claim skips
    /// rows another instance is claiming.
    /// </summary>
    public static OptionsBuilder<PostgresUploadsOptions> AddPostgresUploads(this IServiceCollection services, string section)
    {
        // The host checks at start that the connection string is there (the service's DatabaseOptionsValidator).
        var options = services.AddSqlDatabase<PostgresUploadsOptions, PostgresDatabase, PostgresFaults>(section,
            (_, settings) => new PostgresDatabase(settings.ConnectionString!, settings.Timeout));
        // Instances share their rate limits through the database (SQLite, one instance, keeps them in memory).
        services.AddSingleton<RateLimits.IRateLimitLedger, SqlRateLimitLedger>();
        return options;
    }
}
