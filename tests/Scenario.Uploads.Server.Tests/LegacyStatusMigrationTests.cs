using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// A version 5 database (Migrations/v5, its exact schema) holding an upload in the legacy status <c>complete</c>,
/// which versions before the complete action moved uploads straight to validating wrote: migration 6 moves it to
/// validating, where it is processed and counted like any upload completed today.
/// </summary>
public sealed class LegacyStatusMigrationTests
{
    private const string UploadId = "upload_0000000migratecomplete";

    [Fact]
    public async Task A_version_5_database_has_its_complete_uploads_moved_to_validating_and_counted_as_stored()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            const long fileSize = 4000;
            var settings = new Dictionary<string, string> { ["Quotas:StoredBytes"] = "5000" };
            if (TestBackend.IsPostgresS3)
            {
                settings["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync();
                await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
                await SeedAsync(postgres, "postgres.sql", fileSize);
            }
            else
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
                await SeedAsync(sqlite, "sqlite.sql", fileSize);
            }

            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = dataDirectory, Settings = settings });
            using var api = new UploadApi(host);
            var backend = TestBackend.IsPostgresS3 ? new Dictionary<string, string>(settings) { ["Database:Provider"] = "Postgres" } : settings;

            Assert.Equal(Persistence.Sql.SchemaMigrations.Latest, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT max(version) FROM schema_version"));
            Assert.Equal(0, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT count(*) FROM uploads WHERE status = 'complete'"));
            Assert.Equal("validating", (await api.RetrieveAsync(UploadId)).Status);
            // Its bytes still count as the owner's stored bytes: 4000 of 5000.
            var refused = await api.Client.PostAsJsonAsync("v1/uploads",
                new { fileName = "big.bin", contentType = "application/octet-stream", fileSize = 1001, parts = 1, kind = "asset" });
            var problem = await ProblemAssert.IsProblem(refused, System.Net.HttpStatusCode.Forbidden, "quota_exceeded");
            Assert.Equal(fileSize, problem.Json.GetProperty("usage").GetInt64());
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    /// <summary>The version 5 schema and one multipart upload in <c>complete</c>, its job due only in an hour.</summary>
    private static async Task SeedAsync(System.Data.Common.DbConnection connection, string schemaFile, long fileSize)
    {
        await connection.OpenAsync();
        await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v5", schemaFile)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            """
            INSERT INTO uploads (id, owner_id, author_id, created_at, updated_at, file_name, kind, source, status, job_id, storage_key,
                expires_at, content_type, file_size, original_file_name, parts_count, part_size, bytes_deleted)
            VALUES (@id, @owner, 'author_test', @now, @now, 'old.bin', 'asset', 'multipart', 'complete', @job, @key,
                @later, 'application/octet-stream', @size, 'old.bin', 1, @size, 0);
            INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, attempts, runnable, not_before, created_at, updated_at)
            VALUES (@job, @owner, @id, 'upload', 'queued', 0, 0, 1, @later, @now, @now);
            """,
            new { id = UploadId, owner = TestKeys.OwnerId, now, later = now + 3_600_000, job = "job_" + UploadId[7..], key = $"uploads/{UploadId}", size = fileSize });
    }
}
