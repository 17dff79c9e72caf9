using System.Net;
using static Scenario.Uploads.Server.Tests.Tus.TusFiles;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// tus-js-client 4.3.1 in Node.js (tools/tus-clients/upload.mjs), the most used tus client, against /v1/tus on the run's
/// backend: each way it uploads ends with the upload imported, its SHA-256 that of the file and the stored file the same.
/// </summary>
public sealed class TusJsClientTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static object ImageMetadata(string fileName) => new { filename = fileName, filetype = "image/png", kind = "image" };

    [Theory]
    [InlineData(2 * MiB, 0, false)] // plain: the whole file in one PATCH
    [InlineData(2 * MiB, 0, true)] // creation-with-upload: the whole file in the POST
    [InlineData(3 * MiB, 1 * MiB, false)] // chunked
    // On S3: chunks of 3 MiB make no 5 MiB part alone; the store must carry tails across PATCHes.
    [InlineData(13 * MiB, 3 * MiB, false)]
    public async Task A_png_sent_by_tus_js_client_is_imported_whole(int size, int chunkSize, bool duringCreation)
    {
        var bytes = TestFiles.NoisyPng(size, seed: size + chunkSize);
        using var file = Write(bytes, "photo.png");

        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            chunkSize = chunkSize == 0 ? (int?)null : chunkSize,
            uploadDataDuringCreation = duringCreation,
            metadata = ImageMetadata("photo.png"),
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "photo.png", "image");
    }

    [Fact]
    public async Task Chunks_sent_as_posts_with_X_HTTP_Method_Override_patch_are_appended_and_imported()
    {
        var bytes = TestFiles.NoisyPng(2 * MiB, seed: 26);
        using var file = Write(bytes, "override.png");

        // tus 1.0.0: the server MUST take X-HTTP-Method-Override as the request's method (for proxies that drop PATCH).
        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            chunkSize = 1 * MiB,
            overridePatchMethod = true,
            metadata = ImageMetadata("override.png"),
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "override.png", "image");
    }

    [Fact]
    public async Task An_upload_stopped_before_a_restart_of_the_service_resumes_at_its_url_and_is_imported()
    {
        var bytes = TestFiles.NoisyPng(6 * MiB, seed: 21);
        using var file = Write(bytes, "resumed.png");
        var options = new { chunkSize = 1 * MiB, metadata = ImageMetadata("resumed.png") };

        var stopped = await TusClients.TusJsAsync(fixture.Host, file.Path, new { options.chunkSize, options.metadata, stopAfterBytes = 5 * MiB / 2 });
        Assert.True(stopped.ExitCode == 0, stopped.Output);
        await fixture.Host.RestartAsync();
        using var tus = TusHttp.For(fixture.Host);
        var held = await tus.OffsetAsync(stopped.Url);
        var resumed = await TusClients.TusJsAsync(fixture.Host, file.Path, new { options.chunkSize, options.metadata, resumeUrl = stopped.Url });

        Assert.InRange(held, 1 * MiB, bytes.Length - 1);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Equal(stopped.Url, resumed.Url);
        await TusAssert.ImportedAsync(fixture.Api, resumed.UploadId, bytes, "resumed.png", "image");
    }

    [Fact]
    public async Task Three_parallel_partial_uploads_are_concatenated_into_one_imported_file()
    {
        var bytes = TestFiles.NoisyPng(7 * MiB, seed: 22);
        using var file = Write(bytes, "parallel.png");

        // Uppy's own metadata keys (name, type), which the service takes as aliases of filename and filetype.
        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            parallelUploads = 3,
            metadata = new { name = "parallel.png", type = "image/png", kind = "image" },
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "parallel.png", "image");
    }

    [Fact]
    public async Task An_upload_of_deferred_length_learns_its_length_at_the_last_chunk_and_is_imported()
    {
        var bytes = TestFiles.NoisyPng(3 * MiB + 12345, seed: 23);
        using var file = Write(bytes, "deferred.png");

        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            chunkSize = 1 * MiB,
            uploadLengthDeferred = true,
            metadata = ImageMetadata("deferred.png"),
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "deferred.png", "image");
    }

    [Fact]
    public async Task An_upload_terminated_by_tus_js_client_is_gone_and_shows_as_failed()
    {
        var bytes = TestFiles.NoisyPng(4 * MiB, seed: 24);
        using var file = Write(bytes, "terminated.png");

        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            chunkSize = 1 * MiB,
            stopAfterBytes = 2 * MiB,
            terminate = true,
            metadata = ImageMetadata("terminated.png"),
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        using var tus = TusHttp.For(fixture.Host);
        var head = await tus.HeadAsync(outcome.Url);
        Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"HEAD after DELETE: {(int)head.StatusCode}");
        var patch = await tus.PatchAsync(outcome.Url, 0, bytes.AsMemory(0, 1024));
        Assert.True(patch.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"PATCH after DELETE: {(int)patch.StatusCode}");
        var upload = await fixture.Api.RetrieveAsync(outcome.UploadId);
        Assert.True(upload.Status == "failed", upload.ToString());
        Assert.False(string.IsNullOrWhiteSpace(upload.ErrorMessage), upload.ToString());
    }

    /// <summary>ietf-draft-05 speaks interop version 6 (as iOS 18.1+), ietf-draft-03 version 5 (as iOS 18.0).</summary>
    [Theory]
    [InlineData("ietf-draft-05")]
    [InlineData("ietf-draft-03")]
    public async Task The_resumable_upload_draft_modes_of_tus_js_client_upload_in_chunks_and_are_imported(string protocol)
    {
        var bytes = TestFiles.NoisyPng(3 * MiB, seed: 25);
        using var file = Write(bytes, "draft.png");

        var outcome = await TusClients.TusJsAsync(fixture.Host, file.Path, new
        {
            protocol,
            chunkSize = 1 * MiB,
            metadata = ImageMetadata("draft.png"),
        });

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        await TusAssert.ImportedAsync(fixture.Api, outcome.UploadId, bytes, "draft.png", "image");
    }
}
