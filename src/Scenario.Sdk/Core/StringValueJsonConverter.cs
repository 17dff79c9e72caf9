using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Core;

/// <summary>Reads and writes an <see cref="IStringValue{TSelf}"/> as a plain JSON string.</summary>
/// <typeparam name="T">The string-valued type.</typeparam>
public sealed class StringValueJsonConverter<T> : JsonConverter<T>
    where T : IStringValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }
        return T.From(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
