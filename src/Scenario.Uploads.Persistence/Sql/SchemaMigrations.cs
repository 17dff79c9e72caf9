using System.Data.Common;
using Dapper;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// The versioned changes to the schema, the same SQL on SQLite and PostgreSQL. A database is created at
/// the baseline (version 1, each database project's schema class) and brought to <see cref="Latest"/> on
/// every start, inside the caller's start-up transaction, so an interrupted upgrade leaves the previous
/// version intact.
/// </summary>
/// <remarks>
/// A step is frozen history once released: it must do to an old database exactly what it did then, so its
/// SQL keeps the status values as literals rather than following the constants in Core.
/// </remarks>
public static class SchemaMigrations
{
    public const int Baseline = 1;

    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        // 2: the part size is fixed by the first part to arrive (the rule of S3 clients), no longer computed
        // at create as ceil(fileSize / parts). Pending uploads that hold no part yet are opened to any part
        // size; uploads with parts keep theirs. On S3 the service records no parts, and complete infers the
        // part size from the store's list.
        (2, """
            UPDATE uploads SET part_size = NULL
            WHERE status = 'pending' AND source = 'multipart' AND parts_count > 1
              AND NOT EXISTS (SELECT 1 FROM upload_parts p WHERE p.upload_id = uploads.id);
            """),
        // 3: webhooks and quotas. The keys with a webhook (their URLs and secrets stay in the settings), and the
        // key a job works for (a webhook delivery's); quotas sum an owner's uploads by status and its assets
        // and models, which had no index by owner.
        (3, """
            CREATE TABLE IF NOT EXISTS webhook_keys (api_key TEXT PRIMARY KEY);
            ALTER TABLE jobs ADD COLUMN target TEXT;
            CREATE INDEX IF NOT EXISTS ix_uploads_owner_status ON uploads (owner_id, status);
            CREATE INDEX IF NOT EXISTS ix_assets_owner ON assets (owner_id);
            CREATE INDEX IF NOT EXISTS ix_models_owner ON models (owner_id);
            """),
        // 4: Idempotency-Key on create. A key names the upload its first request made, for 24 h
        // (Uploads:IdempotencyKeyLifetime); the sweeper deletes older ones.
        (4, """
            CREATE TABLE IF NOT EXISTS idempotency_keys (
                owner_id TEXT NOT NULL,
                idem_key TEXT NOT NULL,
                request_sha256 TEXT NOT NULL,
                upload_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (owner_id, idem_key)
            );
            CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
            """),
        // 5: rate limits across instances. The permits of each owner's window that the instances sharing the
        // database have leased (last_grant: what the latest lease took, read back by its RETURNING), and the
        // instances alive, by their last heartbeat. Ended windows and long-gone instances are swept.
        (5, """
            CREATE TABLE IF NOT EXISTS rate_limit_windows (
                policy TEXT NOT NULL,
                owner_id TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                window_end BIGINT NOT NULL,
                used BIGINT NOT NULL,
                last_grant BIGINT NOT NULL,
                PRIMARY KEY (policy, owner_id, window_start)
            );
            CREATE INDEX IF NOT EXISTS ix_rate_limit_windows_end ON rate_limit_windows (window_end);
            CREATE TABLE IF NOT EXISTS service_instances (
                instance_id TEXT PRIMARY KEY,
                seen_at BIGINT NOT NULL
            );
            """),
        // 6: the legacy status 'complete' retired. Versions before the complete action moved uploads straight
        // to 'validating' stored 'complete' and left the job to make that move; it is made here once, so the
        // job and the quota count know only today's statuses. The upload's job is already runnable and
        // validates a 'validating' upload as it would have after the move.
        (6, """
            UPDATE uploads SET status = 'validating' WHERE status = 'complete';
            """),
        // 7: the quota's count of stored bytes leaves out an upload whose asset or model the import has just
        // created (it is both until the upload says imported), which it finds by the entity's upload.
        (7, """
            CREATE INDEX IF NOT EXISTS ix_assets_upload ON assets (upload_id);
            CREATE INDEX IF NOT EXISTS ix_models_upload ON models (upload_id);
            """),
        // 8: resumable protocols (tus, RUFH). An upload records the protocol its bytes arrive by (null: the API's
        // parts), and upload_appends holds what appending needs: the offset, the SHA-256 state of the bytes so
        // far, and the hold of the one append in progress, so any instance continues an upload and two cannot
        // append at once. Partial uploads (tus concatenation's pieces) have a row here and no upload.
        (8, """
            ALTER TABLE uploads ADD COLUMN protocol TEXT;
            CREATE TABLE IF NOT EXISTS upload_appends (
                id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                protocol TEXT NOT NULL,
                storage_key TEXT NOT NULL,
                storage_upload_id TEXT,
                upload_length BIGINT,
                part_size BIGINT NOT NULL,
                received BIGINT NOT NULL,
                hash_state TEXT,
                metadata TEXT,
                concat TEXT,
                holder TEXT,
                held_until BIGINT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_upload_appends_expires ON upload_appends (protocol, expires_at);
            """),
    ];

    public static int Latest => Steps[^1].Version;

    /// <summary>A command timeout of 0: no limit, for both drivers.</summary>
    private const int NoLimit = 0;

    /// <summary>
    /// Creates the <paramref name="baseline"/> schema where it is missing and migrates it to <see cref="Latest"/>,
    /// in one transaction that <paramref name="first"/> (a lock, say) opens.
    /// </summary>
    public static async Task CreateOrUpgradeAsync(
        DbConnection connection, string baseline, Func<DbTransaction, Task>? first, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (first is not null)
        {
            await first(transaction);
        }
        await connection.ExecuteAsync(baseline, transaction: transaction);
        await ApplyAsync(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the schema is there: what a readiness probe asks once the connection opened.</summary>
    public static async Task<bool> IsPresentAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_version;") > 0;

    /// <summary>Records the baseline in a new database, then applies every step past its version.</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction)
    {
        var version = await connection.ExecuteScalarAsync<long?>("SELECT max(version) FROM schema_version;", transaction: transaction);
        if (version is null)
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@Baseline);", new { Baseline }, transaction);
            version = Baseline;
        }
        if (version > Latest)
        {
            throw new InvalidOperationException(
                $"The database schema is version {version}, newer than this build's {Latest}: run a newer version of the service.");
        }
        foreach (var (step, sql) in Steps.Where(s => s.Version > version))
        {
            // A step takes as long as the tables it changes are large (an index over every asset, say), and the
            // service cannot serve before it ends: it runs without Database:Timeout, which bounds a request's wait.
            await connection.ExecuteAsync(sql, transaction: transaction, commandTimeout: NoLimit);
            await connection.ExecuteAsync("UPDATE schema_version SET version = @step;", new { step }, transaction);
        }
    }
}
