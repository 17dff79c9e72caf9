using System.Security.Cryptography;
using Scenario.Exceptions;
using Scenario.Models;
using Scenario.Testing;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Transfers;

namespace Scenario.Sdk.Tests.EndToEnd;

/// <summary>The SDK against the real service on loopback.</summary>
public sealed class UploadEndToEndTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("image")]
    [InlineData("audio")]
    [InlineData("video")]
    [InlineData("3d")]
    [InlineData("avatar")]
    [InlineData("asset")]
    [InlineData("model")]
    public async Task Each_kind_is_uploaded_and_imported(string kind)
    {
        var (bytes, fileName, contentType) = TestFiles.ValidFileFor(kind);
        using var client = service.Client();
        using var content = new MemoryStream(bytes);

        var upload = await client.Uploads.UploadFileAsync(content, new UploadFileOptions { Kind = kind, FileName = fileName, ContentType = contentType }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(Sha256(bytes), upload.Sha256);
        var entitySha = kind == "model"
            ? (await client.Models.RetrieveAsync(upload.EntityId!, Ct)).Model.Sha256
            : (await client.Assets.RetrieveAsync(upload.EntityId!, Ct)).Asset.Sha256;
        Assert.Equal(Sha256(bytes), entitySha);
    }

    [Fact]
    public async Task A_large_file_goes_up_in_parallel_parts_with_monotonic_progress()
    {
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, (21 * MiB) + 17, seed: 3);
        var handler = new PartRequestHandler();
        var reports = new List<UploadProgress>();
        using var client = service.Client(handler);

        var upload = await client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions
        {
            Kind = UploadKind.Asset,
            PartSize = 5 * MiB,
            Concurrency = 4,
            Progress = new ListProgress<UploadProgress>(reports),
        }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(4, upload.PartsCount);
        Assert.Equal(4, handler.Puts.Count);
        Assert.False(handler.PutCarriedCredentials);
        Assert.Equal(Sha256(File.ReadAllBytes(file.Path)), upload.Sha256);
        AssertMonotonicUpTo(reports, new FileInfo(file.Path).Length);
    }

    [Fact]
    public async Task A_part_that_fails_once_is_retried()
    {
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, 11 * MiB, seed: 4);
        var handler = new PartRequestHandler { Intercept = (part, attempt) => part == 2 && attempt == 1 ? PartRequestHandler.Unavailable() : null };
        using var client = service.Client(handler);

        var upload = await client.Uploads.UploadFileAsync(file.Path, new UploadFileOptions { Kind = UploadKind.Asset, PartSize = 5 * MiB }, Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal(2, handler.Puts.Count(n => n == 2));
        Assert.Equal(Sha256(File.ReadAllBytes(file.Path)), upload.Sha256);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_with_only_the_missing_parts()
    {
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, 16 * MiB, seed: 5);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        string? uploadId = null;
        var options = new UploadFileOptions
        {
            Kind = UploadKind.Asset,
            PartSize = 5 * MiB,
            Concurrency = 1,
            // Every report, unthrottled: on loopback the next parts may all land within one throttling interval.
            ProgressInterval = TimeSpan.Zero,
            Progress = new LambdaProgress<UploadProgress>(p =>
            {
                uploadId ??= p.UploadId;
                if (p.PartsDone == 1)
                {
                    interrupt.Cancel();
                }
            }),
        };
        using (var first = service.Client())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Uploads.UploadFileAsync(file.Path, options, interrupt.Token));
        }
        var pending = (await service.Client().Uploads.RetrieveAsync(uploadId!, Ct)).Upload;
        Assert.Equal(UploadStatus.Pending, pending.Status);
        var held = pending.Parts!.Count(p => p.Uploaded == true);
        var handler = new PartRequestHandler();
        using var client = service.Client(handler);

        var upload = await client.Uploads.ResumeUploadAsync(uploadId!, file.Path, cancellationToken: Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.True(held >= 1);
        Assert.Equal(pending.PartsCount - held, handler.Puts.Count);
        Assert.DoesNotContain(1, handler.Puts);
        Assert.Equal(Sha256(File.ReadAllBytes(file.Path)), upload.Sha256);
    }

    [Fact]
    public async Task An_upload_begun_by_an_s3_style_client_is_resumed_with_the_part_size_its_first_part_fixed()
    {
        // A plugin cut the file into 8 MiB parts and sent the first; the SDK finishes it with the same size.
        using var file = new TempPath();
        TestFiles.WriteLargeFile(file.Path, 20 * MiB + 99, seed: 6);
        var bytes = File.ReadAllBytes(file.Path);
        using var client = service.Client();
        var created = (await client.Uploads.CreateAsync(new UploadCreateParams
        {
            FileName = "plugin.bin", ContentType = "application/octet-stream", FileSize = bytes.Length, Parts = 3, Kind = UploadKind.Asset,
        }, Ct)).Upload;
        using (var anonymous = ServiceHost.CreateAnonymousClient())
        {
            var put = await anonymous.PutAsync(created.Parts![0].Url, new ByteArrayContent(bytes, 0, (int)(8 * MiB)), Ct);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        }
        var handler = new PartRequestHandler();
        using var resumer = service.Client(handler);

        var upload = await resumer.Uploads.ResumeUploadAsync(created.Id, file.Path, cancellationToken: Ct);

        Assert.Equal(UploadStatus.Imported, upload.Status);
        Assert.Equal([2, 3], handler.Puts.Order());
        Assert.Equal(Sha256(bytes), upload.Sha256);
    }

    [Fact]
    public async Task Content_that_is_not_its_kind_fails_with_a_message()
    {
        using var client = service.Client();
        using var content = new MemoryStream(new byte[1000]);

        // SniffContent = false: sent as declared, so it is the service that refuses it.
        var error = await Assert.ThrowsAsync<UploadFailedException>(() => client.Uploads.UploadFileAsync(
            content, new UploadFileOptions { Kind = UploadKind.Image, FileName = "fake.png", ContentType = "image/png", SniffContent = false }, Ct));

        Assert.Equal(UploadStatus.Failed, error.Upload.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Upload.ErrorMessage));
    }

    [Theory]
    [InlineData("image", null)]
    [InlineData("image", "image/jpeg")]
    [InlineData("text", null)]
    public async Task Content_that_contradicts_its_kind_or_type_is_refused_before_create_in_the_services_words(string kind, string? contentType)
    {
        using var client = service.Client();
        var bytes = kind == "text" ? TestFiles.Png() : TestFiles.Wav();
        if (contentType is not null)
        {
            bytes = TestFiles.Png();
        }
        using var early = new MemoryStream(bytes);
        using var late = new MemoryStream(bytes);
        var options = new UploadFileOptions { Kind = UploadKind.From(kind), FileName = "sniffed.bin", ContentType = contentType };

        var refused = await Assert.ThrowsAsync<ContentMismatchException>(() => client.Uploads.UploadFileAsync(early, options, Ct));
        var failed = await Assert.ThrowsAsync<UploadFailedException>(() => client.Uploads.UploadFileAsync(late, options with { SniffContent = false }, Ct));

        Assert.Equal(failed.Upload.ErrorMessage, refused.Message);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AssertMonotonicUpTo(List<UploadProgress> reports, long total)
    {
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesSent >= reports[i - 1].BytesSent, $"progress went back at report {i}");
        }
        Assert.Equal(total, reports[^1].BytesSent);
        Assert.Equal(total, reports[^1].TotalBytes);
    }
}
