using System.Data.Common;
using Dapper;
using Scenario.Uploads.Model;
using Scenario.Uploads.Quotas;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Reads an owner's usage inside the write transaction that the quota check guards, after the dialect's
/// per-owner lock (<see cref="SqlDialect.OwnerLock"/>): the check and the write it allows are one step.
/// Stored bytes are the owner's assets and models and the uploads on their way to becoming one; an upload
/// whose entity the import has created but not yet marked imported counts once, as its entity.
/// </summary>
internal static class QuotaSql
{
    private const string Usage = """
        SELECT
          (SELECT CAST(count(*) AS BIGINT) FROM uploads WHERE owner_id = @ownerId AND status = @pending),
          (SELECT CAST(coalesce(sum(file_size), 0) AS BIGINT) FROM uploads WHERE owner_id = @ownerId AND status = @pending),
          (SELECT CAST(coalesce(sum(file_size), 0) AS BIGINT) FROM uploads u
              WHERE owner_id = @ownerId AND status IN (@validating, @validated)
                AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.upload_id = u.id)
                AND NOT EXISTS (SELECT 1 FROM models m WHERE m.upload_id = u.id))
            + (SELECT CAST(coalesce(sum(file_size), 0) AS BIGINT) FROM assets WHERE owner_id = @ownerId)
            + (SELECT CAST(coalesce(sum(file_size), 0) AS BIGINT) FROM models WHERE owner_id = @ownerId);
        """;

    public static async Task<QuotaUsage> ReadAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string ownerId)
    {
        if (dialect.OwnerLock.Length > 0)
        {
            await connection.ExecuteAsync(dialect.OwnerLock, new { ownerId }, transaction);
        }
        var (pendingUploads, pendingBytes, storedBytes) = await connection.QuerySingleAsync<(long, long, long)>(Usage,
            new
            {
                ownerId, pending = UploadStatuses.Pending,
                validating = UploadStatuses.Validating, validated = UploadStatuses.Validated,
            },
            transaction);
        return new QuotaUsage(storedBytes, pendingBytes, pendingUploads);
    }

    /// <summary>The breach of creating <paramref name="upload"/>, or null; reads nothing when nothing is limited.</summary>
    public static async Task<QuotaBreach?> JudgeCreateAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, UploadRecord upload, QuotaLimits quota) =>
        quota.IsUnlimited
            ? null
            : QuotaRules.AtCreate(quota, await ReadAsync(connection, transaction, dialect, upload.OwnerId), upload.FileSize ?? 0);
}
