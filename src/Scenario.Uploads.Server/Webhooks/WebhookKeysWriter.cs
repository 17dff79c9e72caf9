using Microsoft.Extensions.Options;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>
/// On start, after the schema is there (it is registered after the start-up initializer): tells the database
/// which keys have a webhook, so the transaction that ends an upload queues their deliveries.
/// </summary>
public sealed class WebhookKeysWriter(IWebhookKeyStore store, IOptions<WebhooksOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.ReplaceAsync([.. options.Value.Keys.Keys], cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
