using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Imports;

public sealed class CivitaiImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private static CivitaiVersion Version(long id, byte[] bytes) =>
        new(id, $"v{id}", "SDXL 1.0", ["translucent", "sss"], $"model-{id}.safetensors", bytes);

    [Fact]
    public async Task The_latest_version_is_imported_through_the_storage_redirect_with_config()
    {
        var lora = TestFiles.SafetensorsLora();
        fixture.Civitai.Add(new CivitaiModel(1001, "Translucent", "LORA", [Version(2002, lora), Version(2001, TestFiles.Safetensors())]));

        var created = await fixture.Api.CreateAsync(new { civitaiModelUrl = fixture.Civitai.PageUrl(1001) });
        Assert.Equal("civitai", created.Source);
        Assert.Equal("civitai", created.Json.GetProperty("provider").GetString());
        Assert.Equal("model", created.Kind);

        var end = await fixture.Api.WaitForEndAsync(created.Id);
        Assert.True(end.Status == "imported", end.ToString());
        Assert.Equal("model-2002.safetensors", end.FileName);
        var config = end.Json.GetProperty("config");
        Assert.Equal("LORA", config.GetProperty("type").GetString());
        Assert.Equal("SDXL 1.0", config.GetProperty("baseModel").GetString());
        Assert.Equal(2002, config.GetProperty("modelVersionId").GetInt64());
        Assert.Equal("translucent", config.GetProperty("trainedWords")[0].GetString());
        Assert.True(config.GetProperty("isLora").GetBoolean());
        Assert.Contains(fixture.Civitai.Server.Requests, r => r.Host == "localhost" && r.Path.StartsWith("/storage/2002/"));
    }

    [Fact]
    public async Task A_model_version_id_picks_that_version()
    {
        fixture.Civitai.Add(new CivitaiModel(1002, "Versions", "Checkpoint", [Version(2012, TestFiles.SafetensorsLora()), Version(2011, TestFiles.Safetensors())]));

        var end = await ImportAssert.Imported(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(1002, 2011) });

        Assert.Equal(2011, end.Json.GetProperty("config").GetProperty("modelVersionId").GetInt64());
        Assert.Equal("Checkpoint", end.Json.GetProperty("config").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_model_that_needs_a_token_fails_without_and_imports_with_it_never_sending_it_to_storage()
    {
        fixture.Civitai.Add(new CivitaiModel(1003, "Restricted", "Checkpoint", [Version(2031, TestFiles.Safetensors()) with { NeedsToken = true }]));

        var message = await ImportAssert.Failed(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(1003) });
        await ImportAssert.Imported(fixture.ApiWithTokens, new { civitaiModelUrl = fixture.Civitai.PageUrl(1003) });

        Assert.Equal("This Civitai model (1003) needs a token: set Imports:Civitai:Token to a Civitai API key.", message);
        Assert.Contains(fixture.Civitai.Server.Requests, r => r.Path == "/api/download/models/2031" && r.Authorization == $"Bearer {CivitaiStandIn.ValidToken}");
        Assert.DoesNotContain(fixture.Civitai.Server.Requests, r => r.Host == "localhost" && r.Authorization.Length > 0);
    }

    [Fact]
    public async Task A_model_that_does_not_exist_fails()
    {
        var message = await ImportAssert.Failed(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(999_999) });

        Assert.Equal("The Civitai model 999999 does not exist on Civitai. Check the URL.", message);
    }

    [Fact]
    public async Task A_hash_mismatch_fails()
    {
        var bytes = TestFiles.Safetensors();
        fixture.Civitai.Add(new CivitaiModel(1004, "Tampered", "Checkpoint", [Version(2041, bytes) with { WrongHash = true }]));

        var message = await ImportAssert.Failed(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(1004) });

        Assert.StartsWith($"The downloaded file's SHA-256 is {UploadApi.Sha256(bytes)} but Civitai publishes ", message);
    }

    [Fact]
    public async Task A_truncated_download_fails_with_the_byte_counts()
    {
        var bytes = TestFiles.Safetensors(new TensorSpec("w", "F32", 256));
        fixture.Civitai.Add(new CivitaiModel(1005, "Cut", "Checkpoint", [Version(2051, bytes) with { CutDownload = true }]));

        var message = await ImportAssert.Failed(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(1005) });

        Assert.Equal($"The download was cut off after {bytes.Length / 2} of {bytes.Length} bytes.", message);
    }

    [Fact]
    public async Task A_pickle_checkpoint_is_refused()
    {
        fixture.Civitai.Add(new CivitaiModel(1006, "Old", "Checkpoint", [Version(2061, TestFiles.PickleCheckpoint()) with { Format = "PickleTensor" }]));

        var message = await ImportAssert.Failed(fixture.Api, new { civitaiModelUrl = fixture.Civitai.PageUrl(1006) });

        Assert.Contains("pickle-based checkpoint", message);
        Assert.Contains("arbitrary code", message);
    }
}
