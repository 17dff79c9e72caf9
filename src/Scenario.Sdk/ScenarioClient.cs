using Scenario.Core;
using Scenario.Services;

namespace Scenario;

/// <summary>
/// The entry point of the Scenario SDK. <c>new ScenarioClient()</c> reads
/// <c>SCENARIO_SDK_API_KEY</c>, <c>SCENARIO_SDK_API_SECRET</c> and <c>SCENARIO_BASE_URL</c>;
/// pass <see cref="ScenarioClientOptions"/> to override them. Safe to share across threads. In an app with a
/// service container, <see cref="DependencyInjection.ScenarioServiceCollectionExtensions.AddScenarioClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// registers it (and its services) on an <see cref="IHttpClientFactory"/> client.
/// </summary>
public sealed class ScenarioClient : IDisposable
{
    private readonly ApiTransport _transport;

    /// <summary>Creates a client configured from the environment.</summary>
    /// <exception cref="Exceptions.ScenarioConfigurationException">The credentials are missing.</exception>
    public ScenarioClient()
        : this(new ScenarioClientOptions())
    {
    }

    /// <summary>Creates a client; options left null fall back to the environment, then to the defaults.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="Exceptions.ScenarioConfigurationException">The credentials are missing or the base URL is invalid.</exception>
    public ScenarioClient(ScenarioClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ApiTransport(options);
        Uploads = new UploadService(_transport);
        Assets = new AssetService(_transport);
        Models = new ModelService(_transport);
        Jobs = new JobService(_transport);
    }

    /// <summary>The base URL requests go to, ending with a slash.</summary>
    public Uri BaseUrl => _transport.BaseUrl;

    /// <summary>Uploads: create, retrieve, trigger actions, list; whole files through <see cref="Transfers.UploadServiceTransferExtensions"/>.</summary>
    public IUploadService Uploads { get; }

    /// <summary>Assets created by imports.</summary>
    public IAssetService Assets { get; }

    /// <summary>Models created by imports.</summary>
    public IModelService Models { get; }

    /// <summary>Background jobs that process uploads.</summary>
    public IJobService Jobs { get; }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
