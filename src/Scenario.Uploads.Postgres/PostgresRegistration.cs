using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Postgres;

/// <summary>PostgreSQL as the persistence seams of the service, shared by every instance.</summary>
public static class PostgresRegistration
{
    /// <summary>
    /// Registers PostgreSQL for every persistence seam, its options bound from <paramref name="section"/>.
    /// No read cache: other instances write the same rows.
    /// </summary>
    public static OptionsBuilder<PostgresUploadsOptions> AddPostgresUploads(this IServiceCollection services, string section)
    {
        var options = services.AddOptions<PostgresUploadsOptions>().BindConfiguration(section);
        // The host checks at start that the connection string is there (the service's DatabaseOptionsValidator).
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<PostgresUploadsOptions>>().Value;
            return new PostgresDatabase(settings.ConnectionString!, settings.Timeout);
        });
        services.AddSingleton<IBackendFaultClassifier, PostgresFaults>();
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IUploadRepository>(sp => sp.Decorated<IUploadRepository>(ActivatorUtilities.CreateInstance<PostgresUploadRepository>(sp)));
        services.AddSingleton<IJobQueue>(sp => sp.Decorated<IJobQueue>(ActivatorUtilities.CreateInstance<PostgresJobQueue>(sp)));
        services.AddSingleton<IEntityRepository>(sp => sp.Decorated<IEntityRepository>(ActivatorUtilities.CreateInstance<PostgresEntityRepository>(sp)));
        services.AddSingleton<IApiKeyRepository>(sp => sp.Decorated<IApiKeyRepository>(ActivatorUtilities.CreateInstance<PostgresApiKeyRepository>(sp)));
        services.AddSingleton<Webhooks.IWebhookKeyStore>(sp => new Persistence.Sql.SqlWebhookKeyStore(sp.GetRequiredService<PostgresDatabase>()));
        // Instances share their rate limits through the database (SQLite, one instance, keeps them in memory).
        services.AddSingleton<RateLimits.IRateLimitLedger>(sp => new Persistence.Sql.SqlRateLimitLedger(sp.GetRequiredService<PostgresDatabase>()));
        return options;
    }
}
