using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Scenario.Uploads.Backends;
using Scenario.Uploads.Postgres;
using Scenario.Uploads.Server.Backends;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Sqlite;
using Scenario.Uploads.Storage.S3;

namespace Scenario.Uploads.Server.Tests.Unit;

/// <summary>
/// Which errors are a backend's passing failure (a 503 the client waits out, a job put back uncounted) and
/// which stay what they are: a client that hung up, a bug, a remote host of an import.
/// </summary>
public sealed class BackendFaultsTests
{
    private static readonly BackendFaults Faults = new(
        [new PostgresFaults(), new SqliteFaults(), new S3Faults()],
        new UploadsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        TimeProvider.System, NullLogger<BackendFaults>.Instance);

    public static TheoryData<string, string> PostgresStates => new()
    {
        { "57P01", BackendFaultKinds.Restarting },
        { "57P03", BackendFaultKinds.Restarting },
        { "53300", BackendFaultKinds.Busy },
        { "08006", BackendFaultKinds.Unreachable },
        { "40001", BackendFaultKinds.Busy },
    };

    [Theory]
    [MemberData(nameof(PostgresStates))]
    public void A_PostgreSQL_error_of_a_server_going_or_overloaded_is_a_database_fault(string state, string kind)
    {
        var error = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", state);

        Assert.Equal(new BackendFault(BackendNames.Database, kind), Faults.Classify(error));
    }

    [Fact]
    public void A_PostgreSQL_error_about_the_statement_is_not_a_fault()
    {
        Assert.Null(Faults.Classify(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.Null(Faults.Classify(new PostgresException("syntax error", "ERROR", "ERROR", "42601")));
    }

    [Fact]
    public void A_broken_connection_and_a_timed_out_command_are_database_faults()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var timedOut = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

        Assert.Equal(new BackendFault(BackendNames.Database, BackendFaultKinds.Unreachable), Faults.Classify(broken));
        Assert.Equal(new BackendFault(BackendNames.Database, BackendFaultKinds.Timeout), Faults.Classify(timedOut));
    }

    [Fact]
    public void SQLite_busy_past_its_timeout_is_a_database_fault_and_a_constraint_is_not()
    {
        Assert.Equal(new BackendFault(BackendNames.Database, BackendFaultKinds.Busy), Faults.Classify(new SqliteException("database is locked", 5)));
        Assert.Null(Faults.Classify(new SqliteException("UNIQUE constraint failed", 19)));
    }

    [Fact]
    public void A_fault_inside_another_exception_is_found_but_a_cancelled_request_is_nobodys_fault()
    {
        var wrapped = new InvalidOperationException("step failed", new SqliteException("database is locked", 5));
        var cancelled = new OperationCanceledException("client went away", new PostgresException("canceling statement", "ERROR", "ERROR", "57014"));

        Assert.Equal(BackendNames.Database, Faults.Classify(wrapped)?.Backend);
        Assert.Null(Faults.Classify(cancelled));
    }

    [Fact]
    public void An_S3_error_answer_of_the_store_itself_is_a_storage_fault_and_a_4xx_is_not()
    {
        Assert.Equal(new BackendFault(BackendNames.Storage, BackendFaultKinds.Busy),
            Faults.Classify(new AmazonS3Exception("Please reduce your request rate.") { ErrorCode = "SlowDown", StatusCode = HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(new BackendFault(BackendNames.Storage, BackendFaultKinds.Failed),
            Faults.Classify(new AmazonS3Exception("internal") { StatusCode = HttpStatusCode.InternalServerError }));
        Assert.Null(Faults.Classify(new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden }));
    }

    [Fact]
    public async Task A_store_that_refuses_connections_is_a_storage_fault_but_another_host_refusing_is_not()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var s3 = Store(port, TimeSpan.FromSeconds(5));
        using var other = new HttpClient();

        var fromStore = await Assert.ThrowsAnyAsync<Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b" }));
        var fromOther = await Assert.ThrowsAnyAsync<Exception>(() => other.GetAsync($"http://127.0.0.1:{port}/"));

        Assert.Equal(new BackendFault(BackendNames.Storage, BackendFaultKinds.Unreachable), Faults.Classify(fromStore));
        Assert.Null(Faults.Classify(fromOther));
    }

    [Fact]
    public async Task A_store_that_never_answers_is_a_storage_timeout_within_the_configured_time()
    {
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        using var s3 = Store(((IPEndPoint)hung.LocalEndpoint).Port, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b" }));

        Assert.Equal(new BackendFault(BackendNames.Storage, BackendFaultKinds.Timeout), Faults.Classify(error));
    }

    private static IAmazonS3 Store(int port, TimeSpan timeout) => S3ClientFactory.Create(new S3StoreOptions
    {
        ServiceUrl = $"http://127.0.0.1:{port}",
        Bucket = "b",
        AccessKey = "k",
        SecretKey = "s",
        ForcePathStyle = true,
        Timeout = timeout,
        MaxRetries = 0,
    });
}
