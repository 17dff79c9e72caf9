using System.Data.Common;
using Dapper;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>
/// The versioned changes to the schema, the same SQL on SQLite and PostgreSQL. A database is created at
/// the baseline (version 1, the schema classes) and brought to <see cref="Latest"/> on every start, inside
/// the caller's start-up transaction, so an interrupted upgrade leaves the previous version intact.
/// </summary>
internal static class SchemaMigrations
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
    ];

    public static int Latest => Steps[^1].Version;

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
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync("UPDATE schema_version SET version = @step;", new { step }, transaction);
        }
    }
}
