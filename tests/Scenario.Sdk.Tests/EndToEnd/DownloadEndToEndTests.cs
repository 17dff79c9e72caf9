using System.Net;
using System.Security.Cryptography;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Testing;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>Downloads through the SDK from the real service (local disk, or S3 when the suite runs on it) on loopback.</summary>
public sealed class DownloadEndToEndTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-sdk-download-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_comes_down_in_parallel_ranges_without_credentials_and_matches_its_sha256()
    {
        var (source, assetId) = await UploadAsync(service.Host, (21 * MiB) + 17, seed: 11);
        var target = Path.Combine(_directory, "copy.bin");
        var handler = new DownloadRequestHandler();
        var reports = new List<DownloadProgress>();
        using var client = service.Client(handler);

        var result = await client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = 4 * MiB, Concurrency = 4 },
            new ListProgress<DownloadProgress>(reports), Ct);

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        Assert.Equal(Sha256(source), result.Sha256);
        Assert.Equal(target, result.Path);
        Assert.Equal(0, result.ResumedBytes);
        Assert.Equal(6, handler.Gets.Count);
        Assert.All(handler.Gets, g => Assert.Equal(HttpStatusCode.PartialContent, g.Status));
        Assert.Equal(new FileInfo(source).Length, handler.Gets.Sum(g => g.Length));
        Assert.False(handler.GetCarriedCredentials);
        Assert.False(File.Exists(target + ".partial"));
        Assert.False(File.Exists(target + ".partial.ranges"));
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesReceived >= reports[i - 1].BytesReceived, $"progress went back at report {i}");
        }
        Assert.Equal(new DownloadProgress(assetId, target, DownloadPhase.Completed, result.Size, result.Size, 6, 6), reports[^1]);
    }

    [Fact]
    public async Task A_model_is_downloaded_by_its_id_into_a_directory_under_its_file_name()
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor("model");
        using var client = service.Client();
        using var content = new MemoryStream(bytes);
        var upload = await client.Uploads.UploadFileAsync(content, new UploadFileOptions { Kind = UploadKind.Model, FileName = fileName, ContentType = contentType }, Ct);
        var into = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;

        var result = await client.DownloadAsync(upload.EntityId!, into, cancellationToken: Ct);

        // A directory gets the file under the name the service holds.
        var target = Path.Combine(into, fileName);
        Assert.Equal(target, result.Path);
        Assert.StartsWith("model_", result.EntityId);
        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.Equal(fileName, result.FileName);
    }

    [Fact]
    public async Task A_download_into_a_stream_is_written_in_order_and_verified()
    {
        var (source, assetId) = await UploadAsync(service.Host, (3 * MiB) + 5, seed: 12);
        using var client = service.Client();
        using var destination = new MemoryStream();

        var result = await client.DownloadAsync(assetId, destination, new DownloadOptions { ChunkSize = MiB }, cancellationToken: Ct);

        Assert.Equal(File.ReadAllBytes(source), destination.ToArray());
        Assert.Equal(Sha256(source), result.Sha256);
        Assert.Null(result.Path);
    }

    [Fact]
    public async Task A_cancelled_download_resumes_with_only_the_missing_ranges()
    {
        var (source, assetId) = await UploadAsync(service.Host, 12 * MiB, seed: 13);
        var target = Path.Combine(_directory, "resumed.bin");
        var kept = await InterruptAfterAsync(assetId, target, chunks: 3);
        var handler = new DownloadRequestHandler();
        using var client = service.Client(handler);

        // A different chunk size is ignored: the partial file keeps the one it was begun with.
        var result = await client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = 4 * MiB }, cancellationToken: Ct);

        Assert.True(kept >= 3);
        Assert.Equal(kept * MiB, result.ResumedBytes);
        Assert.Equal(12 - kept, handler.Gets.Count);
        Assert.All(handler.Gets, g => Assert.Equal(MiB, g.Length));
        Assert.Equal(12 * MiB - result.ResumedBytes, handler.Gets.Sum(g => g.Length));
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task Resume_false_discards_a_partial_file_and_fetches_every_range()
    {
        var (source, assetId) = await UploadAsync(service.Host, 3 * MiB, seed: 19);
        var target = Path.Combine(_directory, "restarted.bin");
        await InterruptAfterAsync(assetId, target, chunks: 1);
        var handler = new DownloadRequestHandler();
        using var client = service.Client(handler);

        var result = await client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = MiB, Resume = false }, cancellationToken: Ct);

        Assert.Equal(0, result.ResumedBytes);
        Assert.Equal(3, handler.Gets.Count);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task A_range_cut_off_midway_is_asked_again_from_the_byte_where_it_stopped()
    {
        var (source, assetId) = await UploadAsync(service.Host, 2 * MiB, seed: 17);
        var target = Path.Combine(_directory, "cut.bin");
        var handler = new DownloadRequestHandler { CutFirstBodyAfter = 300_000 };
        using var client = service.Client(handler);

        await client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = MiB, Concurrency = 1 }, cancellationToken: Ct);

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        var gets = handler.Gets.ToList();
        Assert.Equal([0, 300_000, MiB], gets.Select(g => g.From));
        Assert.Equal(MiB - 300_000, gets[1].Length);
    }

    [Fact]
    public async Task A_busy_answer_is_retried_and_a_torn_sidecar_line_is_ignored()
    {
        var (source, assetId) = await UploadAsync(service.Host, 4 * MiB, seed: 18);
        var target = Path.Combine(_directory, "busy.bin");
        var kept = await InterruptAfterAsync(assetId, target, chunks: 1);
        // A crash in the middle of recording a range leaves half a line: that range is simply fetched again.
        File.AppendAllText(target + ".partial.ranges", "3");
        var handler = new DownloadRequestHandler { RefuseFirstWith = HttpStatusCode.ServiceUnavailable };
        using var client = service.Client(handler);

        var result = await client.DownloadAsync(assetId, target, new DownloadOptions { Concurrency = 1 }, cancellationToken: Ct);

        Assert.Equal(kept * MiB, result.ResumedBytes);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, handler.Gets.First().Status);
        Assert.Equal(4 - kept, handler.Gets.Count(g => g.Status == HttpStatusCode.PartialContent));
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task A_corrupted_partial_file_is_caught_by_the_sha256_and_deleted()
    {
        var (source, assetId) = await UploadAsync(service.Host, 6 * MiB, seed: 14);
        var target = Path.Combine(_directory, "corrupted.bin");
        await InterruptAfterAsync(assetId, target, chunks: 2);
        using (var partial = File.OpenWrite(target + ".partial"))
        {
            // Inside the first range, which the sidecar records as written: resuming will not fetch it again.
            partial.Position = 1000;
            partial.Write("not the original bytes"u8);
        }
        using var client = service.Client();

        var error = await Assert.ThrowsAsync<DownloadVerificationException>(() => client.DownloadAsync(assetId, target, cancellationToken: Ct));

        Assert.Equal(Sha256(source), error.Expected);
        Assert.NotEqual(error.Expected, error.Actual);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
        Assert.False(File.Exists(target + ".partial.ranges"));
        var again = await client.DownloadAsync(assetId, target, cancellationToken: Ct);
        Assert.Equal(0, again.ResumedBytes);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task An_existing_target_is_refused_before_any_request_unless_overwrite_is_set()
    {
        var (source, assetId) = await UploadAsync(service.Host, MiB, seed: 15);
        var target = Path.Combine(_directory, "existing.bin");
        File.WriteAllText(target, "keep me");
        var handler = new DownloadRequestHandler();
        using var client = service.Client(handler);

        var error = await Assert.ThrowsAsync<DownloadTargetExistsException>(() => client.DownloadAsync(assetId, target, cancellationToken: Ct));

        Assert.Equal(target, error.Path);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Equal(0, handler.Requests);
        await client.DownloadAsync(assetId, target, new DownloadOptions { Overwrite = true }, cancellationToken: Ct);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public async Task An_unknown_id_is_a_not_found_and_writes_nothing()
    {
        using var client = service.Client();
        var target = Path.Combine(_directory, "none.bin");

        await Assert.ThrowsAsync<NotFoundException>(() => client.DownloadAsync("asset_doesnotexist", target, cancellationToken: Ct));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task An_expired_url_is_renewed_and_the_download_goes_on()
    {
        const int lifetimeSeconds = 2;
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Uploads:DownloadUrlLifetime"] = $"00:00:0{lifetimeSeconds}" },
        });
        var (source, assetId) = await UploadAsync(host, 3 * MiB, seed: 16);
        var target = Path.Combine(_directory, "renewed.bin");
        var signedBy = DateTimeOffset.MinValue;
        var handler = new DownloadRequestHandler
        {
            // The first range waits until the URL the SDK holds has expired, so the store itself refuses it.
            HoldFirstGet = token => Task.Delay(signedBy.AddSeconds(lifetimeSeconds + 1.5) - DateTimeOffset.UtcNow, token),
        };
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = host.ApiKey, ApiSecret = host.ApiSecret, BaseUrl = host.ApiBaseUrl, HttpMessageHandler = handler, GetEnvironmentVariable = _ => null,
        });
        signedBy = DateTimeOffset.UtcNow;

        var result = await client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = MiB, Concurrency = 1 }, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Forbidden, handler.Gets.First().Status);
        Assert.True(handler.EntityRetrievals >= 2, $"the entity was retrieved {handler.EntityRetrievals} times");
        Assert.Equal(3, handler.Gets.Count(g => g.Status == HttpStatusCode.PartialContent));
        Assert.Equal(Sha256(source), result.Sha256);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    // Downloads 1 MiB ranges one at a time and cancels once `chunks` of them are written; returns how many the sidecar holds.
    private async Task<long> InterruptAfterAsync(string assetId, string target, int chunks)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new LambdaProgress<DownloadProgress>(p =>
        {
            if (p.ChunksDone >= chunks)
            {
                interrupt.Cancel();
            }
        });
        using var client = service.Client();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.DownloadAsync(assetId, target, new DownloadOptions { ChunkSize = MiB, Concurrency = 1 }, progress, interrupt.Token));
        Assert.True(File.Exists(target + ".partial"));
        Assert.False(File.Exists(target));
        return File.ReadAllLines(target + ".partial.ranges").Length - 1;
    }

    private async Task<(string Path, string AssetId)> UploadAsync(ServiceHost host, long size, int seed)
    {
        var path = Path.Combine(_directory, $"source-{seed}.bin");
        TestFiles.WriteLargeFile(path, size, seed);
        using var client = new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = host.ApiKey, ApiSecret = host.ApiSecret, BaseUrl = host.ApiBaseUrl, GetEnvironmentVariable = _ => null,
        });
        var upload = await client.Uploads.UploadFileAsync(path, new UploadFileOptions { Kind = UploadKind.Asset }, Ct);
        Assert.Equal(UploadStatus.Imported, upload.Status);
        return (path, upload.EntityId!);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
