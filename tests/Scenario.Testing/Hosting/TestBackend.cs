using Amazon.S3;
using Dapper;
using Npgsql;

namespace Scenario.Testing;

/// <summary>
/// Which implementations the service under test runs on: <c>SCENARIO_TEST_BACKEND=sqlite-local</c> (default)
/// or <c>postgres-s3</c>, against the real servers scripts/test starts on loopback (SCENARIO_TEST_POSTGRES,
/// SCENARIO_TEST_S3_*). Every host gets its own database and bucket, so tests stay independent and parallel.
/// </summary>
public static class TestBackend
{
    public const string LocalPartsOnly =
        "Under S3 clients PUT parts straight to the object store; this tests the service's own part endpoint (local storage).";

    public static string Name => Environment.GetEnvironmentVariable("SCENARIO_TEST_BACKEND") ?? "sqlite-local";

    public static bool IsPostgresS3 => string.Equals(Name, "postgres-s3", StringComparison.OrdinalIgnoreCase);

    /// <summary>For <c>[Fact(SkipUnless = …)]</c>: part bytes go through the service.</summary>
    public static bool PartsGoThroughService => !IsPostgresS3;

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("SCENARIO_TEST_POSTGRES");

    public static string? S3Endpoint => Environment.GetEnvironmentVariable("SCENARIO_TEST_S3_ENDPOINT");

    public static string S3AccessKey => Environment.GetEnvironmentVariable("SCENARIO_TEST_S3_ACCESS_KEY") ?? "";

    public static string S3SecretKey => Environment.GetEnvironmentVariable("SCENARIO_TEST_S3_SECRET_KEY") ?? "";

    /// <summary>The settings of a fresh backend for one host (or several hosts that must share it).</summary>
    public static async Task<Dictionary<string, string>> CreateSettingsAsync()
    {
        return IsPostgresS3 ? await CreatePostgresS3SettingsAsync() : [];
    }

    /// <summary>A fresh database and bucket on the test servers, whatever the run's backend.</summary>
    public static async Task<Dictionary<string, string>> CreatePostgresS3SettingsAsync()
    {
        return new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = await CreateDatabaseAsync(),
            ["Storage:Provider"] = "S3",
            ["Uploads:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }.Concat(S3Settings(NewBucketName())).ToDictionary();
    }

    public static Dictionary<string, string> S3Settings(string bucket) => new()
    {
        ["Storage:S3:ServiceUrl"] = Require(S3Endpoint, "SCENARIO_TEST_S3_ENDPOINT"),
        ["Storage:S3:Bucket"] = bucket,
        ["Storage:S3:Region"] = "us-east-1",
        ["Storage:S3:AccessKey"] = S3AccessKey,
        ["Storage:S3:SecretKey"] = S3SecretKey,
        ["Storage:S3:ForcePathStyle"] = "true",
    };

    public static string NewBucketName() => "t-" + Guid.NewGuid().ToString("N");

    /// <summary>CREATE DATABASE on the test server; returns the new database's connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = Require(PostgresAdmin, "SCENARIO_TEST_POSTGRES");
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name};");
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Why a test of PostgreSQL or S3 cannot run here (the caller skips with it), or null when it can. When
    /// scripts/test started the servers (SCENARIO_TEST_REQUIRE_SERVERS=1), a missing one is an error, not a skip.
    /// </summary>
    public static string? MissingServers()
    {
        if (PostgresAdmin is not null && S3Endpoint is not null)
        {
            return null;
        }
        if (Environment.GetEnvironmentVariable("SCENARIO_TEST_REQUIRE_SERVERS") == "1")
        {
            throw new InvalidOperationException("SCENARIO_TEST_POSTGRES / SCENARIO_TEST_S3_* are not set: run bash scripts/test.");
        }
        return "No PostgreSQL/S3 test servers (SCENARIO_TEST_POSTGRES, SCENARIO_TEST_S3_ENDPOINT): run bash scripts/test.";
    }

    public static IAmazonS3 CreateS3Client() => Uploads.Storage.S3.S3ClientFactory.Create(new Uploads.Storage.S3.S3StoreOptions
    {
        ServiceUrl = Require(S3Endpoint, "SCENARIO_TEST_S3_ENDPOINT"), Region = "us-east-1", AccessKey = S3AccessKey,
        SecretKey = S3SecretKey, ForcePathStyle = true, Bucket = "unused",
    });

    private static string Require(string? value, string variable) =>
        value ?? throw new InvalidOperationException($"{variable} is not set: start the test servers with bash scripts/test.");
}
