using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Operator;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server;

/// <summary>
/// Says where the data lives, creates or migrates the schema and writes the configured keys before anything
/// serves; once the server listens, makes sure an API key exists.
/// </summary>
public sealed class StartupInitializer(
    IDatabase database,
    ApiKeyBootstrap keys,
    IServer server,
    IOptions<UploadsOptions> uploads,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    IConfiguration configuration) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Storage:S3 is read (and validated) only when it is the store.
        Console.Out.WriteLine(StartupBanner.Text(uploads.Value, databaseOptions.Value, storage.Value,
            () => services.GetRequiredService<IOptions<S3StoreOptions>>().Value,
            Telemetry.TelemetryBanner.Describe(services.GetRequiredService<IOptions<Telemetry.TelemetryOptions>>().Value, configuration,
                services.GetRequiredService<IHostEnvironment>())));
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await keys.WriteConfiguredAsync(cancellationToken);
    }

    // After every hosted service has started, Kestrel included: its port is bound.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return keys.CreateFirstKeyIfNoneAsync(ApiBaseUrl.For(uploads.Value, configuration, listening), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
