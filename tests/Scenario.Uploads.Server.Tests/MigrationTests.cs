using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>
/// A database made by a previous version of the service (its exact schema, in Migrations/v1, v2 and v4, and rows as
/// it wrote them) is upgraded on start, on whichever database the run uses.
/// </summary>
public sealed class MigrationTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>The version this build migrates to (8: the resumable protocols' column and table).</summary>
    private const long LatestVersion = 8;

    [Fact]
    public async Task A_version_1_database_is_upgraded_on_start_and_its_pending_uploads_take_any_part_size()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var settings = new Dictionary<string, string>();
            // Two pending uploads of 20 MiB in 3 parts, with the part size version 1 imposed (ceil(S/N)):
            // "open" holds no part yet, "started" holds part 1.
            var (open, started) = ("upload_00000000migrateopen00", "upload_0000000migratestarted0");
            if (TestBackend.IsPostgresS3)
            {
                settings["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync();
                await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
                await SeedAsync(postgres, "postgres.sql", open, started);
            }
            else
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
                await SeedAsync(sqlite, "sqlite.sql", open, started);
            }

            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = dataDirectory, Settings = settings });
            using var api = new UploadApi(host);

            Assert.Equal(LatestVersion, await BackendSql.SingleAsync<long>(dataDirectory, Settings(host, settings), "SELECT max(version) FROM schema_version"));
            // Version 4's table: a create under an idempotency key is answered twice with one upload.
            var keyed = Enumerable.Range(0, 2).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/uploads")
                {
                    Content = new StringContent("""{"fileName":"k.bin","contentType":"application/octet-stream","fileSize":1,"parts":1,"kind":"asset"}""", System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", "migrated-key");
                using var response = await api.Client.SendAsync(request);
                return (await UploadApi.ReadJson(response)).GetProperty("upload").GetProperty("id").GetString();
            });
            var ids = new List<string?>();
            foreach (var create in keyed)
            {
                ids.Add(await create);
            }
            Assert.Single(ids.Distinct());
            Assert.False((await api.RetrieveAsync(open)).Json.TryGetProperty("partSize", out _), "an upload with no part yet takes any part size now");
            Assert.Equal(6990507, (await api.RetrieveAsync(started)).PartSize);
            if (TestBackend.PartsGoThroughService)
            {
                // The S3-style client's 8 + 8 + 4 MiB, which version 1 refused for this very upload.
                var bytes = UploadFlowTests.RandomBytes((int)(20 * MiB), seed: 51);
                await api.PutPartsAsync(await api.RetrieveAsync(open), bytes, partSize: 8 * MiB);
                await api.CompleteAsync(open);
                var done = await api.WaitForEndAsync(open);
                Assert.Equal("imported", done.Status);
                Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
            }
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task A_version_2_database_is_upgraded_on_start_its_assets_count_toward_quotas_and_its_old_jobs_keep_working()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            const long assetSize = 4000;
            var settings = new Dictionary<string, string> { ["Quotas:StoredBytes"] = "5000" };
            if (TestBackend.IsPostgresS3)
            {
                settings["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync();
                await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
                await SeedVersion2Async(postgres, "postgres.sql", assetSize);
            }
            else
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
                await SeedVersion2Async(sqlite, "sqlite.sql", assetSize);
            }

            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = dataDirectory, Settings = settings });
            using var api = new UploadApi(host);
            var backend = Settings(host, settings);

            Assert.Equal(LatestVersion, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT max(version) FROM schema_version"));
            Assert.Equal(0, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT count(*) FROM webhook_keys"));
            Assert.Equal(1, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT count(*) FROM jobs WHERE target IS NULL"));
            Assert.Equal("success", (await api.GetJsonAsync("v1/jobs/job_00000000migratedone00")).GetProperty("job").GetProperty("status").GetString());
            // The version 2 asset is the owner's stored bytes: 4000 of 5000.
            var refused = await api.Client.PostAsJsonAsync("v1/uploads",
                new { fileName = "big.bin", contentType = "application/octet-stream", fileSize = 1001, parts = 1, kind = "asset" });
            var problem = await ProblemAssert.IsProblem(refused, System.Net.HttpStatusCode.Forbidden, "quota_exceeded");
            Assert.Equal(assetSize, problem.Json.GetProperty("usage").GetInt64());
            var (bytes, fileName, contentType) = TestFiles.ValidFileFor("asset");
            Assert.Equal("imported", (await api.UploadAsync(bytes, "asset", fileName, contentType)).Status);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    [Fact]
    public async Task A_version_4_database_is_upgraded_on_start_and_its_owners_limits_are_counted_in_the_new_tables()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            // A day's window: the three creates below cannot straddle two.
            var settings = new Dictionary<string, string> { ["RateLimits:Create:PermitLimit"] = "2", ["RateLimits:Create:Window"] = "1.00:00:00" };
            if (TestBackend.IsPostgresS3)
            {
                settings["Database:ConnectionString"] = await TestBackend.CreateDatabaseAsync();
                await using var postgres = new NpgsqlConnection(settings["Database:ConnectionString"]);
                await postgres.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v4", "postgres.sql")));
            }
            else
            {
                await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "uploads.db")};Pooling=false");
                await sqlite.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v4", "sqlite.sql")));
            }

            await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { DataDirectory = dataDirectory, Settings = settings });
            using var api = new UploadApi(host);
            var backend = Settings(host, settings);
            await api.CreateAsync(Operations.Hosts.SmallUpload);
            await api.CreateAsync(Operations.Hosts.SmallUpload);
            var refused = await api.Client.PostAsJsonAsync("v1/uploads", Operations.Hosts.SmallUpload);

            Assert.Equal(LatestVersion, await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT max(version) FROM schema_version"));
            await Operations.RateLimitTests.AssertRateLimited(refused, maxSeconds: 86_400);
            // PostgreSQL, shared by instances, leases the owner's permits from the new table; SQLite, one
            // instance, has the table but keeps its counts in memory.
            var leased = await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT coalesce(sum(used), 0) FROM rate_limit_windows");
            Assert.Equal(TestBackend.IsPostgresS3 ? 2 : 0, leased);
            Assert.Equal(TestBackend.IsPostgresS3 ? 1 : 0, await InstancesAliveAsync(dataDirectory, backend));
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }

    /// <summary>The instances in the table, once the first heartbeat (which runs beside the start) had its chance.</summary>
    private static async Task<long> InstancesAliveAsync(string dataDirectory, Dictionary<string, string> backend)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long alive;
        while ((alive = await BackendSql.SingleAsync<long>(dataDirectory, backend, "SELECT count(*) FROM service_instances")) == 0
            && TestBackend.IsPostgresS3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        return alive;
    }

    private static async Task SeedVersion2Async(System.Data.Common.DbConnection connection, string schemaFile, long assetSize)
    {
        await connection.OpenAsync();
        await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v2", schemaFile)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            """
            INSERT INTO uploads (id, owner_id, author_id, created_at, updated_at, file_name, kind, source, status, job_id, storage_key,
                expires_at, content_type, file_size, original_file_name, parts_count, part_size, entity_id, sha256, bytes_deleted)
            VALUES ('upload_00000000migratedone00', @owner, 'author_test', @now, @now, 'old.png', 'asset', 'multipart', 'imported',
                'job_00000000migratedone00', 'uploads/upload_00000000migratedone00', @now, 'image/png', @size, 'old.png', 1, @size,
                'asset_00000000migratedone00', '00', 0);
            INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, metadata, attempts, runnable, not_before, created_at, updated_at)
            VALUES ('job_00000000migratedone00', @owner, 'upload_00000000migratedone00', 'upload', 'success', 1, '{}', 1, 0, @now, @now, @now);
            INSERT INTO assets (id, owner_id, author_id, upload_id, kind, file_name, content_type, file_size, sha256, storage_key,
                collection_ids, hidden, created_at)
            VALUES ('asset_00000000migratedone00', @owner, 'author_test', 'upload_00000000migratedone00', 'image', 'old.png', 'image/png',
                @size, '00', 'uploads/upload_00000000migratedone00', '[]', 0, @now);
            """,
            new { owner = TestKeys.OwnerId, now, size = assetSize });
    }

    private static Dictionary<string, string> Settings(ServiceHost host, Dictionary<string, string> settings) =>
        TestBackend.IsPostgresS3 ? new Dictionary<string, string>(settings) { ["Database:Provider"] = "Postgres" } : settings;

    private static async Task SeedAsync(System.Data.Common.DbConnection connection, string schemaFile, string open, string started)
    {
        await connection.OpenAsync();
        await connection.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Migrations", "v1", schemaFile)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var id in new[] { open, started })
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO uploads (id, owner_id, author_id, created_at, updated_at, file_name, kind, source, status, job_id, storage_key,
                    expires_at, content_type, file_size, original_file_name, parts_count, part_size, storage_upload_id)
                VALUES (@id, @owner, 'author_test', @now, @now, 'old.bin', 'asset', 'multipart', 'pending', @job, @key,
                    @expires, 'application/octet-stream', @size, 'old.bin', 3, 6990507, @storeId);
                INSERT INTO jobs (id, owner_id, upload_id, job_type, status, progress, attempts, runnable, not_before, created_at, updated_at)
                VALUES (@job, @owner, @id, 'upload', 'queued', 0, 0, 0, @now, @now, @now);
                """,
                new
                {
                    id, owner = TestKeys.OwnerId, now, job = "job_" + id[7..], key = $"uploads/{id}", expires = now + 3_600_000,
                    size = 20 * MiB, storeId = TestBackend.IsPostgresS3 ? "gone" : null,
                });
        }
        await connection.ExecuteAsync(
            "INSERT INTO upload_parts (upload_id, number, size, etag, uploaded_at) VALUES (@started, 1, 6990507, 'xxh128-00', @now);",
            new { started, now });
    }
}
