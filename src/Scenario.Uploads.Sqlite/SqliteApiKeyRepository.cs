using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Sqlite;

/// <summary>API keys in SQLite.</summary>
public sealed class SqliteApiKeyRepository(SqliteDatabase database) : IApiKeyRepository
{
    public async Task<ApiKeyRecord?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string ApiKey, string SecretHash, string OwnerId, string AuthorId, long CreatedAt)?>(
            "SELECT api_key, secret_hash, owner_id, author_id, created_at FROM api_keys WHERE api_key = @apiKey;", new { apiKey });
        return row is { } r ? new ApiKeyRecord(r.ApiKey, r.SecretHash, r.OwnerId, r.AuthorId, UnixTime.At(r.CreatedAt)) : null;
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys;") > 0;
    }

    public async Task UpsertAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (api_key, secret_hash, owner_id, author_id, created_at)
            VALUES (@ApiKey, @SecretHash, @OwnerId, @AuthorId, @CreatedAt)
            ON CONFLICT (api_key) DO UPDATE SET secret_hash = excluded.secret_hash, owner_id = excluded.owner_id,
                author_id = excluded.author_id;
            """,
            new { key.ApiKey, key.SecretHash, key.OwnerId, key.AuthorId, CreatedAt = UnixTime.Ms(key.CreatedAt) });
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ApiKey, string SecretHash, string OwnerId, string AuthorId, long CreatedAt)>(
            "SELECT api_key, secret_hash, owner_id, author_id, created_at FROM api_keys ORDER BY created_at, api_key;");
        return [.. rows.Select(r => new ApiKeyRecord(r.ApiKey, r.SecretHash, r.OwnerId, r.AuthorId, UnixTime.At(r.CreatedAt)))];
    }

    public async Task<bool> DeleteAsync(string apiKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriterAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM api_keys WHERE api_key = @apiKey;", new { apiKey }) > 0;
    }
}
