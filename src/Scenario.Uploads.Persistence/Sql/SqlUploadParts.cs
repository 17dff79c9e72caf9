using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Persistence.Rows;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The parts the service holds of a pending upload. A part's write starts and ends in writes that check the
/// upload is still pending, under its row's lock on PostgreSQL (<see cref="SqlDialect.ForUpdate"/>, or
/// <see cref="SqlDialect.ForShare"/> for a part record), so a part write and the complete action on another
/// instance cannot interleave.
/// </summary>
internal sealed class SqlUploadParts(ISqlDatabase database)
{
    private readonly SqlDialect _dialect = database.Dialect;

    public async Task<IReadOnlyList<PartRecord>> GetPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(connection => connection.QueryAsync<(long Number, long Size, string Etag, long UploadedAt)>(
            "SELECT number, size, etag, uploaded_at FROM upload_parts WHERE upload_id = @uploadId ORDER BY number;", new { uploadId }), cancellationToken);
        return rows.Select(r => new PartRecord((int)r.Number, r.Size, r.Etag, UnixTime.At(r.UploadedAt))).ToList();
    }

    public Task<PartWriteStart> BeginPartWriteAsync(string uploadId, int partNumber, long partSize, CancellationToken cancellationToken) =>
        database.WriteAsync(Durability.Synced, (connection, transaction) => BeginPartWriteAsync(connection, transaction, uploadId, partNumber, partSize), cancellationToken);

    private async Task<PartWriteStart> BeginPartWriteAsync(DbConnection connection, DbTransaction transaction, string uploadId, int partNumber, long partSize)
    {
        // Held until the end: of two first parts racing with different sizes, the second reads the size the first set.
        var row = await connection.QuerySingleOrDefaultAsync<(string? Status, long? PartSize)>(
            $"SELECT status, part_size FROM uploads WHERE id = @uploadId{_dialect.ForUpdate};", new { uploadId }, transaction);
        if (row.Status != UploadStatuses.Pending)
        {
            return new PartWriteStart(row.Status, false, row.PartSize);
        }
        if (row.PartSize is { } fixedSize && fixedSize != partSize)
        {
            return new PartWriteStart(row.Status, false, fixedSize);
        }
        if (row.PartSize is null)
        {
            await connection.ExecuteAsync(
                "UPDATE uploads SET part_size = @partSize WHERE id = @uploadId;", new { uploadId, partSize }, transaction);
        }
        await connection.ExecuteAsync(
            "DELETE FROM upload_parts WHERE upload_id = @uploadId AND number = @partNumber;", new { uploadId, partNumber }, transaction);
        return new PartWriteStart(row.Status, true, partSize);
    }

    public Task<bool> RecordPartAsync(string uploadId, PartRecord part, CancellationToken cancellationToken) =>
        database.WriteStatementAsync(Durability.Synced, async (connection, transaction) =>
    {
        // One statement, so the status it checks holds until the part is in: parts of one upload record side
        // by side (a shared lock), but never while complete holds the row. SQLite's parser needs the WHERE
        // of an INSERT … SELECT to tell ON CONFLICT from a join; it has one.
        var inserted = await connection.ExecuteAsync(
            $"""
            INSERT INTO upload_parts (upload_id, number, size, etag, uploaded_at)
            SELECT @uploadId, @Number, @Size, @ETag, @UploadedAt
            WHERE EXISTS (SELECT 1 FROM uploads WHERE id = @uploadId AND status = @pending{_dialect.ForShare})
            ON CONFLICT (upload_id, number) DO UPDATE SET size = excluded.size, etag = excluded.etag, uploaded_at = excluded.uploaded_at;
            """,
            new { uploadId, part.Number, part.Size, part.ETag, UploadedAt = UnixTime.Ms(part.UploadedAt), pending = UploadStatuses.Pending },
            transaction);
        return inserted > 0;
    }, cancellationToken);
}
