using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Auth;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server;

/// <summary>Before anything serves: create or migrate the schema, then make sure an API key exists.</summary>
public sealed class StartupInitializer(IDatabase database, ApiKeyBootstrap keys, IOptions<UploadsOptions> options, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        var baseUrl = options.Value.PublicBaseUrl ?? configuration["urls"]?.Split(';')[0] ?? ServerApp.DefaultUrl;
        await keys.RunAsync(baseUrl.TrimEnd('/') + "/v1", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
