using Dapper;
using Scenario.Uploads.Persistence.Rows;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The <c>upload_appends</c> table, in SQL both databases run. Every change is one statement whose condition
/// carries the rule (the hold, the offset), so two instances appending to one upload cannot both win.
/// </summary>
public sealed class SqlAppendRepository(ISqlDatabase database) : IAppendRepository
{
    private const string Select = """
        SELECT id, owner_id, protocol, storage_key, storage_upload_id, upload_length, part_size, received, hash_state,
               metadata, concat, holder, held_until, created_at, expires_at
        FROM upload_appends
        """;

    public Task CreateAsync(AppendState state, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO upload_appends (id, owner_id, protocol, storage_key, storage_upload_id, upload_length, part_size,
                received, hash_state, metadata, concat, created_at, expires_at)
            VALUES (@Id, @OwnerId, @Protocol, @StorageKey, @StorageUploadId, @UploadLength, @PartSize,
                @Received, @HashState, @Metadata, @Concat, @CreatedAt, @ExpiresAt);
            """, AppendRow.From(state), transaction), cancellationToken);

    public async Task<AppendState?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(connection =>
            connection.QuerySingleOrDefaultAsync<AppendRow>($"{Select} WHERE id = @id;", new { id }), cancellationToken);
        return row?.ToState();
    }

    public async Task<(AppendState? State, bool Held)> HoldAsync(string id, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var taken = await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE upload_appends SET holder = @holder, held_until = @until
            WHERE id = @id AND (holder IS NULL OR held_until < @now);
            """, new { id, holder, now = UnixTime.Ms(now), until = UnixTime.Ms(until) }, transaction), cancellationToken);
        return (await FindAsync(id, cancellationToken), taken == 1);
    }

    public async Task<bool> RenewAsync(string id, string holder, DateTimeOffset until, CancellationToken cancellationToken) =>
        await database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            "UPDATE upload_appends SET held_until = @until WHERE id = @id AND holder = @holder;",
            new { id, holder, until = UnixTime.Ms(until) }, transaction), cancellationToken) == 1;

    public async Task<bool> AdvanceAsync(string id, string holder, long from, long to, string? hashState, long? length, CancellationToken cancellationToken) =>
        await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            """
            UPDATE upload_appends SET received = @to, hash_state = @hashState, upload_length = COALESCE(upload_length, @length)
            WHERE id = @id AND holder = @holder AND received = @from;
            """, new { id, holder, from, to, hashState, length }, transaction), cancellationToken) == 1;

    public Task ReleaseAsync(string id, string holder, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Relaxed, (connection, transaction) => connection.ExecuteAsync(
            "UPDATE upload_appends SET holder = NULL, held_until = NULL WHERE id = @id AND holder = @holder;",
            new { id, holder }, transaction), cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await database.WriteStatementAsync(Durability.Synced, (connection, transaction) => connection.ExecuteAsync(
            "DELETE FROM upload_appends WHERE id = @id;", new { id }, transaction), cancellationToken) == 1;

    public async Task<IReadOnlyList<AppendState>> FindExpiredPartialsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<AppendRow>(
            $"{Select} WHERE protocol = @partial AND expires_at < @now LIMIT @limit;",
            new { partial = AppendState.Partial, now = UnixTime.Ms(now), limit }), cancellationToken);
        return rows.Select(r => r.ToState()).ToList();
    }
}
