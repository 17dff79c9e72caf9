using System.Text.Json;
using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Services;

/// <summary>Typed reads of a JSON object's fields; a wrong type is a problem naming the field. Null counts as absent.</summary>
public sealed class JsonFields(JsonElement root)
{
    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public ParseResult<string?> String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return ParseResult<string?>.Ok(null);
        }
        return value.ValueKind == JsonValueKind.String
            ? ParseResult<string?>.Ok(value.GetString())
            : WrongType<string?>(name, "a string", value);
    }

    /// <summary>A whole number: 5 is one, 5.5, "5" and 1e400 are not.</summary>
    public ParseResult<long?> Integer(string name)
    {
        if (!TryGet(name, out var value))
        {
            return ParseResult<long?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            return WrongType<long?>(name, "a whole number", value);
        }
        if (value.TryGetInt64(out var whole))
        {
            return ParseResult<long?>.Ok(whole);
        }
        // 1024.0 is a whole number written as a decimal, as some JSON encoders do.
        if (value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue)
        {
            return ParseResult<long?>.Ok((long)number);
        }
        return ParseResult<long?>.Fail(ErrorCodes.InvalidField, $"'{name}' must be a whole number; got {value.GetRawText()}.");
    }

    public ParseResult<bool?> Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return ParseResult<bool?>.Ok(null);
        }
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? ParseResult<bool?>.Ok(value.GetBoolean())
            : WrongType<bool?>(name, "true or false", value);
    }

    public ParseResult<IReadOnlyList<string>?> StringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return ParseResult<IReadOnlyList<string>?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return WrongType<IReadOnlyList<string>?>(name, "an array of strings", value);
        }
        return ParseResult<IReadOnlyList<string>?>.Ok(value.EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    public ParseResult<JsonFields?> Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return ParseResult<JsonFields?>.Ok(null);
        }
        return value.ValueKind == JsonValueKind.Object
            ? ParseResult<JsonFields?>.Ok(new JsonFields(value))
            : WrongType<JsonFields?>(name, "an object", value);
    }

    private bool TryGet(string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static ParseResult<T> WrongType<T>(string name, string expected, JsonElement value) =>
        ParseResult<T>.Fail(ErrorCodes.InvalidField, $"'{name}' must be {expected}; got {Describe(value)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
