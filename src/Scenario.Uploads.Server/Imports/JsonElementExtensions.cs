using System.Text.Json;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Optional navigation over API JSON whose shape may vary.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? GetPropertyOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
