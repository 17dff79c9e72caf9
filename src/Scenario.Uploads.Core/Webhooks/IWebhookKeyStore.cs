namespace Scenario.Uploads.Webhooks;

/// <summary>
/// Which API keys have a webhook, as the database knows it: the transaction that ends an upload queues one
/// delivery per such key of its owner, so it must find them in the database, not in this process's settings.
/// </summary>
public interface IWebhookKeyStore
{
    /// <summary>Makes <paramref name="apiKeys"/> the keys with a webhook (written from the settings on every start).</summary>
    Task ReplaceAsync(IReadOnlyCollection<string> apiKeys, CancellationToken cancellationToken);
}
