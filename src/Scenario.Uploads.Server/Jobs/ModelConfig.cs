using System.Text.Json.Nodes;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// A model's <c>config</c>: what its source said (hub, base model, …) plus what its weights show, the
/// parameter count and whether it is a LoRA adapter or a full checkpoint, which users filter models by.
/// </summary>
public static class ModelConfig
{
    public static string? WithSummary(string? configJson, string? format, JsonObject details)
    {
        if (format != "safetensors" || details["parameterCount"] is not { } parameters)
        {
            return configJson;
        }
        var config = configJson is null ? new JsonObject() : JsonNode.Parse(configJson) as JsonObject ?? new JsonObject();
        config["parameterCount"] = parameters.DeepClone();
        config["isLora"] = details["isLora"]?.DeepClone();
        config["checkpointType"] = details["isLora"]?.GetValue<bool>() == true ? "lora" : "full";
        return config.ToJsonString();
    }
}
