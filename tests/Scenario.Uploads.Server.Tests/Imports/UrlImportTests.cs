using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Imports;

public sealed class UrlImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private UploadApi Api => fixture.Api;

    [Fact]
    public async Task Create_answers_pending_at_once_and_the_job_imports_the_file_with_its_metadata()
    {
        var png = TestFiles.Png(7, 5);
        var url = fixture.Files.Add("pictures/hero%20shot.png", png, "image/png");

        var created = await Api.CreateAsync(new { url, kind = "image", assetOptions = new { hide = true } });

        Assert.Equal("pending", created.Status);
        Assert.Equal("url", created.Source);
        Assert.Equal(url, created.Url);
        Assert.False(created.Json.TryGetProperty("provider", out _));
        Assert.False(created.Json.TryGetProperty("parts", out _));
        Assert.StartsWith("job_", created.JobId);

        var end = await Api.WaitForEndAsync(created.Id);
        Assert.True(end.Status == "imported", end.ToString());
        Assert.Equal("hero shot.png", end.FileName);
        Assert.Equal("image/png", end.ContentType);
        Assert.Equal(png.Length, end.FileSize);
        var asset = (await Api.GetJsonAsync($"v1/assets/{end.EntityId}")).GetProperty("asset");
        Assert.Equal(UploadApi.Sha256(png), asset.GetProperty("sha256").GetString());
        Assert.True(asset.GetProperty("hidden").GetBoolean());
        Assert.Equal(7, asset.GetProperty("metadata").GetProperty("details").GetProperty("width").GetInt32());
        var job = await Api.WaitForJobEndAsync(created.JobId!);
        Assert.Equal("success", job.Status);
        Assert.Equal(1, job.Progress);
    }

    [Fact]
    public async Task The_name_comes_from_content_disposition_and_is_sanitized()
    {
        fixture.Files.Add("named.wav", TestFiles.Wav(), "audio/wav");

        var end = await ImportAssert.Imported(Api, new { url = $"{fixture.Files.Origin}/download?file=named.wav", kind = "audio" });

        Assert.Equal("named.wav", end.FileName);
    }

    [Fact]
    public async Task A_generic_content_type_is_replaced_by_the_detected_one()
    {
        var url = fixture.Files.Add("scene.glb", TestFiles.Glb());

        var end = await ImportAssert.Imported(Api, new { url, kind = "3d" });

        Assert.Equal("model/gltf-binary", end.ContentType);
    }

    [Fact]
    public async Task A_404_fails_saying_so()
    {
        var message = await ImportAssert.Failed(Api, new { url = $"{fixture.Files.Origin}/status/404", kind = "image" });

        Assert.StartsWith("The URL answered 404", message);
    }

    [Fact]
    public async Task A_file_announced_over_the_limit_fails_before_downloading()
    {
        var url = fixture.Files.Add("big.bin", new byte[ImportFixture.MaxDownloadSize + 1]);

        var message = await ImportAssert.Failed(Api, new { url, kind = "asset" });

        Assert.Equal($"The file is larger than the limit of {ImportFixture.MaxDownloadSize} bytes ({ImportFixture.MaxDownloadSize + 1} bytes).", message);
    }

    [Fact]
    public async Task A_file_without_length_is_stopped_at_the_limit()
    {
        fixture.Files.Add("endless.bin", new byte[ImportFixture.MaxDownloadSize + 100_000]);

        var message = await ImportAssert.Failed(Api, new { url = $"{fixture.Files.Origin}/no-length/endless.bin", kind = "asset" });

        Assert.Equal($"The file is larger than the limit of {ImportFixture.MaxDownloadSize} bytes; the download was stopped there.", message);
    }

    [Fact]
    public async Task A_download_cut_off_half_way_fails_with_the_byte_counts_after_its_retry()
    {
        var bytes = TestFiles.Png(64, 64);
        fixture.Files.Add("cut.png", bytes, "image/png");

        var message = await ImportAssert.Failed(Api, new { url = $"{fixture.Files.Origin}/cut/cut.png", kind = "image" });

        Assert.Equal($"The download was cut off after {bytes.Length / 2} of {bytes.Length} bytes.", message);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_import_then_succeeds()
    {
        fixture.Files.Add("flaky.mp3", TestFiles.Mp3(), "audio/mpeg");

        var end = await ImportAssert.Imported(Api, new { url = $"{fixture.Files.Origin}/flaky/flaky.mp3", kind = "audio" });

        Assert.Equal("flaky.mp3", end.FileName);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_five()
    {
        fixture.Files.Add("far.gif", TestFiles.Gif(), "image/gif");

        await ImportAssert.Imported(Api, new { url = $"{fixture.Files.Origin}/hops/4/far.gif", kind = "image" });
        var message = await ImportAssert.Failed(Api, new { url = $"{fixture.Files.Origin}/hops/6/far.gif", kind = "image" });

        Assert.Equal("The download was redirected more than 5 times. Give the file's final URL.", message);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("ftp://127.0.0.1/x", "ftp")]
    [InlineData("gopher://127.0.0.1:70/_x", "gopher")]
    [InlineData("data:text/plain,hello", "data")]
    public async Task A_redirect_to_another_scheme_is_refused(string target, string scheme)
    {
        var message = await ImportAssert.Failed(Api, new { url = $"{fixture.Files.Origin}/redirect?to={Uri.EscapeDataString(target)}", kind = "asset" });

        Assert.Equal($"The download was redirected to a {scheme} URL; imports only follow http and https.", message);
    }

    [Fact]
    public async Task Content_that_contradicts_the_kind_fails_precisely()
    {
        var url = fixture.Files.Add("not-audio.mp3", TestFiles.Png(), "audio/mpeg");

        var message = await ImportAssert.Failed(Api, new { url, kind = "audio" });

        Assert.Equal("This is a PNG image, but kind 'audio' expects WAV, MP3, OGG, FLAC or MP4 audio.", message);
    }

    [Fact]
    public async Task An_empty_file_fails()
    {
        var url = fixture.Files.Add("empty.png", [], "image/png");

        var message = await ImportAssert.Failed(Api, new { url, kind = "image" });

        Assert.Equal("The file is empty. Upload a file with content.", message);
    }

    [Fact]
    public async Task A_model_by_url_becomes_a_model()
    {
        var url = fixture.Files.Add("adapter.safetensors", TestFiles.SafetensorsLora());

        var end = await ImportAssert.Imported(Api, new { url, kind = "model" });

        var model = (await Api.GetJsonAsync($"v1/models/{end.EntityId}")).GetProperty("model");
        Assert.Equal("adapter.safetensors", model.GetProperty("fileName").GetString());
        Assert.True(model.GetProperty("metadata").GetProperty("details").GetProperty("isLora").GetBoolean());
    }
}
