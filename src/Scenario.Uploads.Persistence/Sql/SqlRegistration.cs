using Microsoft.Extensions.DependencyInjection;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>The shared repositories as the persistence seams of the service, over one database.</summary>
public static class SqlRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TDatabase"/> (which the database's own registration adds) as the database of
    /// the service and of every shared repository, and those repositories. <paramref name="fronting"/> puts what
    /// the database needs in front of the upload repository (SQLite's read cache), if anything.
    /// </summary>
    public static IServiceCollection AddSqlRepositories<TDatabase>(
        this IServiceCollection services, Func<IUploadRepository, IUploadRepository>? fronting = null)
        where TDatabase : class, IDatabase, ISqlDatabase
    {
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<TDatabase>());
        services.AddSingleton<ISqlDatabase>(sp => sp.GetRequiredService<TDatabase>());
        services.AddSingleton<IUploadRepository>(sp =>
        {
            var uploads = new SqlUploadRepository(sp.GetRequiredService<ISqlDatabase>());
            return fronting is null ? uploads : fronting(uploads);
        });
        services.AddSingleton<IJobQueue, SqlJobQueue>();
        services.AddSingleton<IEntityRepository, SqlEntityRepository>();
        services.AddSingleton<IApiKeyRepository, SqlApiKeyRepository>();
        services.AddSingleton<IWebhookKeyStore, SqlWebhookKeyStore>();
        return services;
    }
}
