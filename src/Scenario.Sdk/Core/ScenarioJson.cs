using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Core;

/// <summary>The JSON settings of the wire format: camelCase, optional fields omitted, unknown fields ignored.</summary>
public static class ScenarioJson
{
    /// <summary>Options for reading and writing API payloads.</summary>
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    /// <summary>The same settings, indented, for showing payloads to people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = writeIndented,
        };
        options.Converters.Add(new UtcTimestampJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
