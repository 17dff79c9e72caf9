using System.Net;
using System.Security.Cryptography;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests;

/// <summary>The upload helper against an in-memory service (the real service is covered by the end-to-end tests).</summary>
public sealed class UploadFileTests
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UploadFileOptions Options(List<UploadProgress>? reports = null) => new()
    {
        Kind = UploadKind.Asset,
        PartSize = 5 * MiB,
        Progress = reports is null ? null : new Recorder(reports),
    };

    [Fact]
    public async Task A_file_goes_up_in_parallel_parts_without_credentials_and_is_imported()
    {
        using var file = new TempFile(23 * MiB);
        var server = new FakeUploadServer();
        using var client = TestClients.For(server);

        var upload = await client.Uploads.UploadFileAsync(file.Path, Options(), Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(4, server.PutParts.Count);
        Assert.True(server.MaxConcurrentPuts > 1, "parts were not sent in parallel");
        Assert.False(server.PutCarriedCredentials);
        Assert.Equal(file.Bytes, server.Content(upload.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Bytes)), upload.Sha256);
    }

    [Fact]
    public async Task Progress_only_grows_and_ends_at_the_total()
    {
        using var file = new TempFile((12 * MiB) + 123);
        var reports = new List<UploadProgress>();
        using var client = TestClients.For(new FakeUploadServer());

        await client.Uploads.UploadFileAsync(file.Path, Options(reports), Ct);

        Assert.True(reports.Count > 2);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesSent >= reports[i - 1].BytesSent);
        }
        var last = reports[^1];
        Assert.Equal(UploadPhase.Imported, last.Phase);
        Assert.Equal(file.Bytes.LongLength, last.BytesSent);
        Assert.Equal(last.TotalBytes, last.BytesSent);
        Assert.Equal(2, last.PartsDone);
    }

    [Fact]
    public async Task A_part_that_fails_once_is_sent_again()
    {
        using var file = new TempFile(11 * MiB);
        var failed = 0;
        var server = new FakeUploadServer
        {
            OnPut = n => n == 2 && Interlocked.Exchange(ref failed, 1) == 0 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null,
        };
        using var client = TestClients.For(server);

        var upload = await client.Uploads.UploadFileAsync(file.Path, Options(), Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(2, server.PutParts.Count(n => n == 2));
        Assert.Equal(file.Bytes, server.Content(upload.Id));
    }

    [Theory]
    [InlineData(false)] // the service's part URLs: XXH128 ETags
    [InlineData(true)] // an S3 store's presigned URLs: MD5 ETags
    public async Task A_part_damaged_on_the_way_is_caught_by_its_etag_and_sent_again(bool s3StyleUrls)
    {
        using var file = new TempFile(11 * MiB);
        var damaged = 0;
        var server = new FakeUploadServer { S3StyleUrls = s3StyleUrls, Damage = n => n == 2 && Interlocked.Exchange(ref damaged, 1) == 0 };
        using var client = TestClients.For(server);

        var upload = await client.Uploads.UploadFileAsync(file.Path, Options(), Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(2, server.PutParts.Count(n => n == 2));
        Assert.Equal(1, server.PutParts.Count(n => n == 1));
        Assert.Equal(file.Bytes, server.Content(upload.Id));
    }

    [Fact]
    public async Task A_part_damaged_on_every_attempt_fails_the_upload_saying_so()
    {
        using var file = new TempFile(6 * MiB);
        var server = new FakeUploadServer { Damage = n => n == 1 };
        using var client = TestClients.For(server);

        var error = await Assert.ThrowsAsync<ScenarioConnectionException>(() => client.Uploads.UploadFileAsync(file.Path, Options() with { PartRetries = 1 }, Ct));

        Assert.Contains("Part 1 arrived corrupted", error.Message);
    }

    [Fact]
    public async Task A_refused_part_url_is_signed_again()
    {
        using var file = new TempFile(6 * MiB);
        var server = new FakeUploadServer();
        var expired = 0;
        server.OnPut = _ =>
        {
            if (Interlocked.Exchange(ref expired, 1) == 0)
            {
                server.ExpireAllUrls();
            }
            return null;
        };
        using var client = TestClients.For(server);

        var upload = await client.Uploads.UploadFileAsync(file.Path, Options() with { PartSize = null }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.True(server.Retrieves >= 1);
    }

    [Fact]
    public async Task Urls_about_to_expire_are_refreshed_before_use()
    {
        using var file = new TempFile(1000);
        var server = new FakeUploadServer { UrlLifetime = TimeSpan.FromSeconds(30) };
        using var client = TestClients.For(server);

        await client.Uploads.UploadFileAsync(file.Path, Options() with { WaitForImport = false }, Ct);

        Assert.Equal(1, server.Retrieves);
    }

    [Fact]
    public async Task A_resumed_upload_sends_only_the_missing_parts()
    {
        using var file = new TempFile(16 * MiB);
        var server = new FakeUploadServer { OnPut = n => n == 3 ? new HttpResponseMessage(HttpStatusCode.BadRequest) : null };
        var reports = new List<UploadProgress>();
        using var client = TestClients.For(server);
        // One part at a time, so parts 1 and 2 are in before part 3 fails.
        await Assert.ThrowsAsync<BadRequestException>(() => client.Uploads.UploadFileAsync(file.Path, Options(reports) with { Concurrency = 1 }, Ct));
        var uploadId = reports.First(r => r.UploadId is not null).UploadId!;
        server.OnPut = null;
        server.PutParts.Clear();

        var upload = await client.Uploads.ResumeUploadAsync(uploadId, file.Path, cancellationToken: Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal([3], server.PutParts.ToArray());
        Assert.Equal(file.Bytes, server.Content(uploadId));
    }

    [Fact]
    public async Task Resuming_with_a_different_file_is_refused()
    {
        using var file = new TempFile(6 * MiB);
        using var other = new TempFile(7 * MiB);
        var server = new FakeUploadServer();
        using var client = TestClients.For(server);
        var created = await client.Uploads.CreateAsync(new UploadCreateParams { FileName = "a", ContentType = "x/y", FileSize = 6 * MiB, Parts = 1, Kind = UploadKind.Asset }, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Uploads.ResumeUploadAsync(created.Upload.Id, other.Path, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_seekable_stream_uploads_like_a_file()
    {
        using var file = new TempFile(11 * MiB);
        using var stream = new MemoryStream(file.Bytes);
        var server = new FakeUploadServer();
        using var client = TestClients.For(server);

        var upload = await client.Uploads.UploadFileAsync(stream, Options() with { FileName = "from-stream.bin" }, Ct);

        Assert.Equal(file.Bytes, server.Content(upload.Id));
    }

    [Fact]
    public async Task A_part_put_after_complete_is_not_retried()
    {
        using var file = new TempFile(1000);
        var server = new FakeUploadServer { OnPut = _ => new HttpResponseMessage(HttpStatusCode.Conflict) };
        using var client = TestClients.For(server);

        await Assert.ThrowsAsync<ConflictException>(() => client.Uploads.UploadFileAsync(file.Path, Options(), Ct));
        Assert.Single(server.PutParts);
    }

    [Fact]
    public async Task Missing_kind_and_directories_are_refused_before_any_request()
    {
        var server = new FakeUploadServer();
        using var client = TestClients.For(server);
        using var file = new TempFile(10);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Uploads.UploadFileAsync(Path.GetTempPath(), Options(), Ct));
        await Assert.ThrowsAnyAsync<IOException>(() => client.Uploads.UploadFileAsync("/no/such/file", Options(), Ct));
    }

    private sealed class Recorder(List<UploadProgress> reports) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
