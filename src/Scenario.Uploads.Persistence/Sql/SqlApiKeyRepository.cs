using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>API keys, in SQL both databases run; secrets are stored only as hashes.</summary>
public sealed class SqlApiKeyRepository(ISqlDatabase database) : IApiKeyRepository
{
    private const string SelectKey = "SELECT api_key, secret_hash, owner_id, author_id, created_at FROM api_keys";

    public async Task<ApiKeyRecord?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            connection => connection.QuerySingleOrDefaultAsync<ApiKeyRow>($"{SelectKey} WHERE api_key = @apiKey;", new { apiKey }), cancellationToken);
        return row?.ToRecord();
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        return await database.ReadAsync(connection => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys;"), cancellationToken) > 0;
    }

    public Task UpsertAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO api_keys (api_key, secret_hash, owner_id, author_id, created_at)
            VALUES (@ApiKey, @SecretHash, @OwnerId, @AuthorId, @CreatedAt)
            ON CONFLICT (api_key) DO UPDATE SET secret_hash = excluded.secret_hash, owner_id = excluded.owner_id,
                author_id = excluded.author_id;
            """,
            new { key.ApiKey, key.SecretHash, key.OwnerId, key.AuthorId, CreatedAt = UnixTime.Ms(key.CreatedAt) }, transaction),
            cancellationToken);

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(
            connection => connection.QueryAsync<ApiKeyRow>($"{SelectKey} ORDER BY created_at, api_key;"), cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<bool> DeleteAsync(string apiKey, CancellationToken cancellationToken) =>
        await database.WriteStatementAsync(Durability.Synced, (connection, transaction) =>
            connection.ExecuteAsync("DELETE FROM api_keys WHERE api_key = @apiKey;", new { apiKey }, transaction), cancellationToken) > 0;
}
