using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Testing;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>The plain API calls and their errors against the real service.</summary>
public sealed class ApiEndToEndTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UploadCreateParams TwoParts => new()
    {
        FileName = "big.bin",
        ContentType = "application/octet-stream",
        FileSize = 12L * 1024 * 1024,
        Parts = 2,
        Kind = UploadKind.Asset,
        AssetOptions = new UploadAssetOptions { CollectionIds = ["col_1"], Hide = true },
    };

    [Fact]
    public async Task Create_returns_a_pending_upload_with_signed_parts()
    {
        using var client = service.Client();

        var upload = (await client.Uploads.CreateAsync(TwoParts, Ct)).Upload;

        Assert.Equal(UploadStatus.Pending, upload.Status);
        Assert.Equal(UploadSource.Multipart, upload.Source);
        Assert.Equal(2, upload.PartsCount);
        Assert.Equal([1, 2], upload.Parts!.Select(p => p.Number));
        Assert.All(upload.Parts!, p => Assert.True(p.Expires > DateTimeOffset.UtcNow));
        Assert.Equal(["col_1"], upload.AssetOptions!.CollectionIds!);
        Assert.NotNull(upload.JobId);
        var job = (await client.Jobs.RetrieveAsync(upload.JobId!, Ct)).Job;
        Assert.Equal(upload.JobId, job.JobId);
    }

    [Fact]
    public async Task Complete_with_missing_parts_is_a_bad_request_naming_them()
    {
        using var client = service.Client();
        var upload = (await client.Uploads.CreateAsync(TwoParts, Ct)).Upload;

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.Uploads.CompleteAsync(upload.Id, Ct));

        Assert.Equal("parts_missing", error.Code);
    }

    [Fact]
    public async Task Abort_fails_the_upload_and_list_shows_it_first()
    {
        using var client = service.Client();
        var upload = (await client.Uploads.CreateAsync(TwoParts, Ct)).Upload;

        var aborted = (await client.Uploads.AbortAsync(upload.Id, Ct)).Upload;
        var page = await client.Uploads.ListAsync(new UploadListParams { PageSize = 1 }, Ct);

        Assert.Equal(UploadStatus.Failed, aborted.Status);
        Assert.Equal(upload.Id, Assert.Single(page.Uploads).Id);
        await Assert.ThrowsAsync<ConflictException>(() => client.Uploads.CompleteAsync(upload.Id, Ct));
    }

    [Fact]
    public async Task Errors_map_to_the_exception_hierarchy()
    {
        using var wrong = service.Client(apiSecret: "wrong");
        using var client = service.Client();

        await Assert.ThrowsAsync<UnauthorizedException>(() => wrong.Uploads.RetrieveAsync("anything", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => client.Uploads.RetrieveAsync("upl_does_not_exist", Ct));
        var bad = await Assert.ThrowsAsync<BadRequestException>(() =>
            client.Uploads.CreateAsync(TwoParts with { Kind = "hologram" }, Ct));
        Assert.NotNull(bad.Code);
    }
}
