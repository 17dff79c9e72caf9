using Dapper;
using Scenario.Uploads.Webhooks;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>The <c>webhook_keys</c> table; URLs and secrets stay in the settings, never in the database.</summary>
public sealed class SqlWebhookKeyStore(ISqlDatabase database) : IWebhookKeyStore
{
    public async Task ReplaceAsync(IReadOnlyCollection<string> apiKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync("DELETE FROM webhook_keys;", transaction: transaction);
        foreach (var apiKey in apiKeys)
        {
            await connection.ExecuteAsync("INSERT INTO webhook_keys (api_key) VALUES (@apiKey);", new { apiKey }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
