using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// A version 7 database (the version 4 schema of Migrations/v4, then migrations 5 to 7 as the service ran them)
/// with a pending multipart upload: migration 8 adds the resumable protocols' column and table, the old upload
/// is still the API's own (part URLs, no protocol), and tus uploads work on the upgraded database.
/// </summary>
public sealed class ResumableMigrationTests
{
    private const string UploadId = "upload_00000000migrateresume";

    [Fact]
    public async Task A_version_7_database_keeps_its_multipart_uploads_and_takes_tus_uploads_once_upgraded()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var settings = new Dictionary<string, string>();
            if (TestBackend.IsPostgresS3)
            {
                settings["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync();
                await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
                await SeedAsync(postgres, "postgres.sql");
            }
            else
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
                await SeedAsync(sqlite, "sqlite.sql");
            }

            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = dataDirectory, Settings = settings });
            using var api = new UploadApi(host);
            var backend = TestBackend.IsPostgresS3 ? new Dictionary<string, string>(settings) { ["Database:Provider"] = "Postgres" } : settings;

            Assert.Equal(SchemaMigrations.Latest, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT max(version) FROM schema_version"));
            Assert.Equal(1, await BackendSql.SingleAsync<long>(dataDirectory, backend, $"SELECT count(*) FROM uploads WHERE id = '{UploadId}' AND protocol IS NULL"));
            if (TestBackend.PartsGoThroughService)
            {
                // On S3 the store lists the parts, and this seeded upload has no multipart upload in the bucket.
                var old = await api.RetrieveAsync(UploadId);
                Assert.Equal("pending", old.Status);
                Assert.Equal(2, old.Parts.Count);
            }

            using var create = new HttpRequestMessage(HttpMethod.Post, "v1/tus");
            create.Headers.Add("Tus-Resumable", "1.0.0");
            create.Headers.Add("Upload-Length", "5");
            using var created = await api.Client.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var head = new HttpRequestMessage(HttpMethod.Head, created.Headers.Location);
            head.Headers.Add("Tus-Resumable", "1.0.0");
            using var offset = await api.Client.SendAsync(head);
            Assert.Equal("0", offset.Headers.GetValues("Upload-Offset").Single());
            Assert.Equal("5", offset.Headers.GetValues("Upload-Length").Single());
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    private static async Task SeedAsync(System.Data.Common.DbConnection connection, string schemaFile)
    {
        await connection.OpenAsync();
        await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v4", schemaFile)));
        foreach (var (_, sql) in SchemaMigrations.Steps.Where(s => s.Version is >= 5 and <= 7))
        {
            await connection.ExecuteAsync(sql);
        }
        await connection.ExecuteAsync("UPDATE schema_version SET version = 7;");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const long size = 12 * 1024 * 1024;
        await connection.ExecuteAsync(
            """
            INSERT INTO uploads (id, owner_id, author_id, created_at, updated_at, file_name, kind, source, status, job_id, storage_key,
                expires_at, content_type, file_size, original_file_name, parts_count, bytes_deleted)
            VALUES (@id, @owner, 'author_test', @now, @now, 'old.bin', 'asset', 'multipart', 'pending', @job, @key,
                @later, 'application/octet-stream', @size, 'old.bin', 2, 0);
            INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, attempts, runnable, not_before, created_at, updated_at)
            VALUES (@job, @owner, @id, 'upload', 'queued', 0, 0, 0, 0, @now, @now);
            """,
            new { id = UploadId, owner = TestKeys.OwnerId, now, later = now + 3_600_000, job = "job_" + UploadId[7..], key = $"uploads/{UploadId}", size });
    }
}
