using System.Text.RegularExpressions;

namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// Picks the file a user means by "import this Hugging Face model": the single safetensors checkpoint
/// at the root, or for a diffusers pipeline (model_index.json) its denoiser (unet or transformer),
/// with the other components listed. Pickle-only repositories are refused, never downloaded.
/// </summary>
public static partial class HuggingFaceWeights
{
    private static readonly string[] PickleExtensions = [".bin", ".ckpt", ".pt", ".pth", ".pkl", ".pickle"];
    private static readonly string[] Denoisers = ["unet", "transformer", "prior", "decoder"];

    public static WeightChoice Choose(string model, IReadOnlyList<string> files)
    {
        var safetensors = files.Where(f => f.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (files.Contains("model_index.json"))
        {
            var components = safetensors.Where(f => f.Contains('/')).ToList();
            var main = Denoisers.Select(folder => Preferred(components.Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal))))
                .FirstOrDefault(f => f is not null);
            if (main is not null)
            {
                return new WeightChoice(main, "diffusers", components, null);
            }
        }
        var root = safetensors.Where(f => !f.Contains('/')).ToList();
        var chosen = Preferred(root.Where(f => !Sharded().IsMatch(f)));
        if (chosen is not null)
        {
            return new WeightChoice(chosen, "single-file", safetensors, null);
        }
        if (root.Count > 0)
        {
            return WeightChoice.Fail(
                $"The Hugging Face model {model} is split into {root.Count} safetensors shards; this service imports single-file checkpoints only. Merge the shards into one file and upload it.");
        }
        var pickles = files.Where(f => PickleExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (pickles.Count > 0)
        {
            return WeightChoice.Fail(
                $"The Hugging Face model {model} has only pickle-based weights ({string.Join(", ", pickles.Take(3))}). Loading a pickle can run arbitrary code, " +
                "so this service never imports one. Choose a model published as .safetensors, or convert it.");
        }
        return WeightChoice.Fail($"The Hugging Face model {model} has no model weights (.safetensors) to import.");
    }

    // model.safetensors first; full precision before fp16 variants; then the shortest, then by name.
    private static string? Preferred(IEnumerable<string> candidates) => candidates
        .OrderBy(f => Path.GetFileName(f) is "model.safetensors" or "diffusion_pytorch_model.safetensors" ? 0 : 1)
        .ThenBy(f => f.Contains("fp16", StringComparison.OrdinalIgnoreCase) || f.Contains("ema", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
        .ThenBy(f => f.Length)
        .ThenBy(f => f, StringComparer.Ordinal)
        .FirstOrDefault();

    [GeneratedRegex(@"-\d{5}-of-\d{5}\.safetensors$")]
    private static partial Regex Sharded();
}

/// <summary>The chosen file and layout, and every weight file seen (recorded in config); or why none fits.</summary>
public sealed record WeightChoice(string? File, string? Layout, IReadOnlyList<string> WeightFiles, string? Error)
{
    public static WeightChoice Fail(string error) => new(null, null, [], error);
}
