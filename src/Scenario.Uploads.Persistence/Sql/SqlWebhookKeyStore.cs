using Dapper;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>The <c>webhook_keys</c> table; URLs and secrets stay in the settings, never in the database.</summary>
public sealed class SqlWebhookKeyStore(ISqlDatabase database) : IWebhookKeyStore
{
    /// <remarks>
    /// Instances that start together each run this: the inserts skip a key another has just written, where
    /// deleting everything and inserting again would make the second one's insert collide with the first's.
    /// </remarks>
    public Task ReplaceAsync(IReadOnlyCollection<string> apiKeys, CancellationToken cancellationToken) =>
        database.WriteAsync(Durability.Synced, async (connection, transaction) =>
    {
        var parameters = new DynamicParameters();
        parameters.Add("keys", database.Dialect.ListValue(apiKeys));
        await connection.ExecuteAsync($"DELETE FROM webhook_keys WHERE NOT ({database.Dialect.IsIn("api_key", "@keys")});", parameters, transaction);
        foreach (var apiKey in apiKeys)
        {
            await connection.ExecuteAsync(
                "INSERT INTO webhook_keys (api_key) VALUES (@apiKey) ON CONFLICT (api_key) DO NOTHING;", new { apiKey }, transaction);
        }
        return apiKeys.Count;
    }, cancellationToken);
}
