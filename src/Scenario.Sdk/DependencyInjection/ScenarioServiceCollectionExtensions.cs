using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scenario.Services;

namespace Scenario.DependencyInjection;

/// <summary>
/// <c>services.AddScenarioClient(configuration.GetSection("Scenario"))</c>: a <see cref="ScenarioClient"/> (and its
/// <see cref="IUploadService"/>, <see cref="IAssetService"/>, <see cref="IModelService"/>, <see cref="IJobService"/>)
/// on an <see cref="IHttpClientFactory"/> client, its options bound and checked when the host starts, logging to the
/// container's <see cref="ILoggerFactory"/>.
/// </summary>
public static class ScenarioServiceCollectionExtensions
{
    /// <summary>The name of the SDK's <see cref="HttpClient"/> in <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Scenario.Sdk";

    /// <summary>
    /// Registers the client with options bound from <paramref name="configuration"/> (<c>BaseUrl</c>, <c>ApiKey</c>,
    /// <c>ApiSecret</c>, <c>Timeout</c>, <c>MaxRetries</c>; what is missing falls back to the environment). A key of
    /// the section that is none of these, or an invalid value, stops the host at start with a line naming the key.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Scenario")</c>.</param>
    /// <returns>The HttpClient's builder, to add handlers to (they see part PUTs too: add no credentials there).</returns>
    public static IHttpClientBuilder AddScenarioClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // A misspelt key (ApiSecrt) would otherwise leave the secret unset without a word.
        services.AddOptions<ScenarioClientOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
        return AddClient(services, configuration is IConfigurationSection section ? section.Path : "");
    }

    /// <summary>Registers the client with options set in code; see <see cref="AddScenarioClient(IServiceCollection, IConfiguration)"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="ScenarioClientOptions.HttpClient"/> and
    /// <see cref="ScenarioClientOptions.HttpMessageHandler"/> are ignored (configure the returned builder instead).</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddScenarioClient(this IServiceCollection services, Action<ScenarioClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ScenarioClientOptions>().Configure(configure);
        return AddClient(services, "");
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services, string section)
    {
        services.AddOptions<ScenarioClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScenarioClientOptions>>(new ScenarioClientOptionsValidator(section)));
        var builder = services.AddHttpClient(HttpClientName)
            // The SDK times each API attempt itself (ScenarioClientOptions.Timeout); the factory's 100 s default
            // would also cut off part PUTs, and a 5 GiB part can take an hour.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // A client captured by a singleton keeps its handler: connections still follow DNS changes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's own logs would print each signed part URL, query (the signature) included;
            // the SDK logs requests itself, paths only.
            .RemoveAllLoggers();
        builder.AddTypedClient(Create);
        services.TryAddTransient<IUploadService>(provider => provider.GetRequiredService<ScenarioClient>().Uploads);
        services.TryAddTransient<IAssetService>(provider => provider.GetRequiredService<ScenarioClient>().Assets);
        services.TryAddTransient<IModelService>(provider => provider.GetRequiredService<ScenarioClient>().Models);
        services.TryAddTransient<IJobService>(provider => provider.GetRequiredService<ScenarioClient>().Jobs);
        return builder;
    }

    private static ScenarioClient Create(HttpClient http, IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ScenarioClientOptions>>().Value;
        return new ScenarioClient(options with
        {
            HttpClient = http,
            HttpMessageHandler = null,
            LoggerFactory = options.LoggerFactory ?? provider.GetService<ILoggerFactory>(),
        });
    }
}
