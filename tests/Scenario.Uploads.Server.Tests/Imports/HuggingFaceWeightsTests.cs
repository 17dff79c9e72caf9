using Scenario.Uploads.Server.Imports;

namespace Scenario.Uploads.Server.Tests.Imports;

public sealed class HuggingFaceWeightsTests
{
    [Fact]
    public void The_root_model_safetensors_wins_over_variants_and_pickles()
    {
        var choice = HuggingFaceWeights.Choose("a/b", ["pytorch_model.bin", "model.fp16.safetensors", "model.safetensors", "config.json"]);

        Assert.Equal("model.safetensors", choice.File);
        Assert.Equal("single-file", choice.Layout);
    }

    [Fact]
    public void A_single_named_checkpoint_is_chosen_full_precision_first()
    {
        var choice = HuggingFaceWeights.Choose("a/b", ["sd_xl_base_1.0_fp16.safetensors", "sd_xl_base_1.0.safetensors", "sd_xl_base_1.0.ckpt"]);

        Assert.Equal("sd_xl_base_1.0.safetensors", choice.File);
    }

    [Fact]
    public void A_diffusers_pipeline_picks_its_transformer_when_it_has_no_unet()
    {
        var choice = HuggingFaceWeights.Choose("a/b", ["model_index.json", "transformer/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.safetensors"]);

        Assert.Equal("transformer/diffusion_pytorch_model.safetensors", choice.File);
        Assert.Equal("diffusers", choice.Layout);
        Assert.Equal(2, choice.WeightFiles.Count);
    }

    [Fact]
    public void Sharded_checkpoints_are_refused_with_the_count()
    {
        var choice = HuggingFaceWeights.Choose("a/b", ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json"]);

        Assert.Null(choice.File);
        Assert.Contains("split into 2 safetensors shards", choice.Error);
    }

    [Fact]
    public void A_repository_without_weights_is_refused()
    {
        var choice = HuggingFaceWeights.Choose("a/b", ["README.md"]);

        Assert.Equal("The Hugging Face model a/b has no model weights (.safetensors) to import.", choice.Error);
    }
}
