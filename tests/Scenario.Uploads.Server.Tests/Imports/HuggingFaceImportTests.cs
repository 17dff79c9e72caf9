using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Uploads.Server.Tests.Imports;

public sealed class HuggingFaceImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private static readonly byte[] Checkpoint = TestFiles.Safetensors();

    [Fact]
    public async Task A_single_file_checkpoint_is_imported_with_what_the_hub_says_in_config()
    {
        var repo = fixture.HuggingFace.Add(new HfRepo("acme/tiny-sd", new Dictionary<string, byte[]>
        {
            ["README.md"] = "# tiny"u8.ToArray(),
            ["model.safetensors"] = Checkpoint,
            ["model.fp16.safetensors"] = TestFiles.Safetensors(new TensorSpec("w", "F16", 2)),
            ["pytorch_model.bin"] = TestFiles.PickleStream(),
        }) { PipelineTag = "text-to-image", BaseModel = "stabilityai/stable-diffusion-xl-base-1.0" });

        var created = await fixture.Api.CreateAsync(new { huggingFaceModelName = "acme/tiny-sd" });
        Assert.Equal("pending", created.Status);
        Assert.Equal("huggingface", created.Source);
        Assert.Equal("huggingface", created.Json.GetProperty("provider").GetString());
        Assert.Equal("model", created.Kind);

        var end = await fixture.Api.WaitForEndAsync(created.Id);
        Assert.True(end.Status == "imported", end.ToString());
        Assert.Equal("model.safetensors", end.FileName);
        Assert.Equal(Checkpoint.Length, end.FileSize);
        var config = end.Json.GetProperty("config");
        Assert.Equal("acme/tiny-sd", config.GetProperty("modelName").GetString());
        Assert.Equal(repo.Sha, config.GetProperty("sha").GetString());
        Assert.Equal("text-to-image", config.GetProperty("pipelineTag").GetString());
        Assert.Equal("stabilityai/stable-diffusion-xl-base-1.0", config.GetProperty("baseModel").GetString());
        Assert.Equal("single-file", config.GetProperty("layout").GetString());
        // The download went through the CDN on another host, which never saw the (absent) token.
        Assert.Contains(fixture.HuggingFace.Server.Requests, r => r.Host == "localhost" && r.Path.EndsWith("/model.safetensors"));
    }

    [Fact]
    public async Task A_diffusers_pipeline_imports_its_unet_and_lists_the_components()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/pipeline", new Dictionary<string, byte[]>
        {
            ["model_index.json"] = "{}"u8.ToArray(),
            ["unet/diffusion_pytorch_model.safetensors"] = Checkpoint,
            ["unet/diffusion_pytorch_model.fp16.safetensors"] = Checkpoint,
            ["vae/diffusion_pytorch_model.safetensors"] = TestFiles.Safetensors(new TensorSpec("v", "F32", 2)),
            ["text_encoder/model.safetensors"] = TestFiles.Safetensors(new TensorSpec("t", "F32", 2)),
        }));

        var end = await ImportAssert.Imported(fixture.Api, new { huggingFaceModelName = "acme/pipeline@main" });

        var config = end.Json.GetProperty("config");
        Assert.Equal("diffusers", config.GetProperty("layout").GetString());
        Assert.Equal("unet/diffusion_pytorch_model.safetensors", config.GetProperty("file").GetString());
        Assert.Equal(4, config.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task A_model_that_does_not_exist_fails_saying_so()
    {
        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/nothing-here" });

        Assert.Equal("The Hugging Face model acme/nothing-here does not exist. Check the name (owner/name).", message);
    }

    [Fact]
    public async Task A_gated_model_needs_the_token_and_imports_with_it()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/gated", new Dictionary<string, byte[]> { ["model.safetensors"] = Checkpoint }) { Gated = true });

        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/gated" });
        await ImportAssert.Imported(fixture.ApiWithTokens, new { huggingFaceModelName = "acme/gated" });

        Assert.Equal("The Hugging Face model acme/gated is gated or private: set Imports:HuggingFace:Token to a token of an account that has access to it.", message);
        // The token went to the hub, never to its CDN on the other host.
        Assert.Contains(fixture.HuggingFace.Server.Requests, r => r.Host == "127.0.0.1" && r.Authorization == $"Bearer {HuggingFaceStandIn.ValidToken}");
        Assert.DoesNotContain(fixture.HuggingFace.Server.Requests, r => r.Host == "localhost" && r.Authorization.Length > 0);
    }

    [Fact]
    public async Task A_private_model_without_token_fails_naming_the_setting()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/private", new Dictionary<string, byte[]> { ["model.safetensors"] = Checkpoint }) { Private = true });

        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/private" });

        Assert.Contains("set Imports:HuggingFace:Token", message);
    }

    [Fact]
    public async Task A_pickle_only_repository_is_refused_without_downloading()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/pickled", new Dictionary<string, byte[]> { ["pytorch_model.bin"] = TestFiles.PickleStream() }));

        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/pickled" });

        Assert.Contains("only pickle-based weights (pytorch_model.bin)", message);
        Assert.Contains("arbitrary code", message);
        Assert.DoesNotContain(fixture.HuggingFace.Server.Requests, r => r.Path.Contains("acme/pickled/resolve"));
    }

    [Fact]
    public async Task A_file_whose_hash_differs_from_the_listing_fails()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/tampered", new Dictionary<string, byte[]> { ["model.safetensors"] = Checkpoint }) { WrongHash = true });

        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/tampered" });

        Assert.StartsWith($"The downloaded file's SHA-256 is {UploadApi.Sha256(Checkpoint)} but Hugging Face publishes ", message);
    }

    [Fact]
    public async Task An_unknown_revision_fails_naming_it()
    {
        fixture.HuggingFace.Add(new HfRepo("acme/revisions", new Dictionary<string, byte[]> { ["model.safetensors"] = Checkpoint }));

        var message = await ImportAssert.Failed(fixture.Api, new { huggingFaceModelName = "acme/revisions@v9" });

        Assert.Equal("The Hugging Face model acme/revisions has no revision v9. Check the branch, tag or commit after '@'.", message);
    }
}
