using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>A database and the shared repositories over it as the persistence seams of the service.</summary>
public static class SqlRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, registers the database that
    /// <paramref name="open"/> makes of them (once, when first needed), its fault classifier, and every shared
    /// repository over it; <paramref name="fronting"/> puts what the database needs in front of the upload
    /// repository (SQLite's read cache), if anything. The returned builder is for what the host adds.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSqlDatabase<TOptions, TDatabase, TFaults>(
        this IServiceCollection services, string section, Func<IServiceProvider, TOptions, TDatabase> open,
        Func<IUploadRepository, IUploadRepository>? fronting = null)
        where TOptions : class
        where TDatabase : class, IDatabase, ISqlDatabase
        where TFaults : class, IBackendFaultClassifier
    {
        var options = services.AddOptions<TOptions>().BindConfiguration(section);
        services.AddSingleton(sp => open(sp, sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.AddSingleton<IBackendFaultClassifier, TFaults>();
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<TDatabase>());
        services.AddSingleton<ISqlDatabase>(sp => sp.GetRequiredService<TDatabase>());
        // Each repository as the host decorates it (IRepositoryDecorator), around what the database puts in front.
        services.AddSingleton<IUploadRepository>(sp =>
        {
            var uploads = new SqlUploadRepository(sp.GetRequiredService<ISqlDatabase>());
            return sp.Decorated<IUploadRepository>(fronting is null ? uploads : fronting(uploads));
        });
        services.AddSingleton<IJobQueue>(sp => sp.Decorated<IJobQueue>(new SqlJobQueue(sp.GetRequiredService<ISqlDatabase>())));
        services.AddSingleton<IEntityRepository>(sp => sp.Decorated<IEntityRepository>(new SqlEntityRepository(sp.GetRequiredService<ISqlDatabase>())));
        services.AddSingleton<IApiKeyRepository>(sp => sp.Decorated<IApiKeyRepository>(new SqlApiKeyRepository(sp.GetRequiredService<ISqlDatabase>())));
        services.AddSingleton<IAppendRepository>(sp => sp.Decorated<IAppendRepository>(new SqlAppendRepository(sp.GetRequiredService<ISqlDatabase>())));
        services.AddSingleton<IWebhookKeyStore, SqlWebhookKeyStore>();
        return options;
    }
}
