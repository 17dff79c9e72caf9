using System.Text.Json.Nodes;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Writes a learnt <c>config</c> without the keys the source left unknown (the API omits empty fields).</summary>
public static class ConfigJson
{
    public static string Write(JsonObject config)
    {
        foreach (var key in config.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            config.Remove(key);
        }
        return config.ToJsonString();
    }
}
