using System.Text.Json;
using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Requests;

/// <summary>Typed reads of a JSON object's fields; a wrong type is a problem naming the field. Null counts as absent.</summary>
public sealed class JsonFields(JsonElement root)
{
    public bool Has(string name) => TryGet(name, out _);

    public Result<string?> String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Result<string?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            return WrongType<string?>(name, "a string", value);
        }
        return TryRead(value, out var text) ? Result<string?>.Ok(text) : Unreadable<string?>($"'{name}'");
    }

    /// <summary>A whole number: 5 is one, 5.5, "5" and 1e400 are not.</summary>
    public Result<long?> Integer(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Result<long?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            return WrongType<long?>(name, "a whole number", value);
        }
        if (value.TryGetInt64(out var whole))
        {
            return Result<long?>.Ok(whole);
        }
        // 1024.0 is a whole number written as a decimal, as some JSON encoders do.
        if (value.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue)
        {
            return Result<long?>.Ok((long)number);
        }
        return Result<long?>.Fail(ErrorCodes.InvalidField, $"'{name}' must be a whole number; got {value.GetRawText()}.");
    }

    public Result<bool?> Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Result<bool?>.Ok(null);
        }
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? Result<bool?>.Ok(value.GetBoolean())
            : WrongType<bool?>(name, "true or false", value);
    }

    public Result<IReadOnlyList<string>?> StringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Result<IReadOnlyList<string>?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return WrongType<IReadOnlyList<string>?>(name, "an array of strings", value);
        }
        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (!TryRead(item, out var text))
            {
                return Unreadable<IReadOnlyList<string>?>($"'{name}[{items.Count}]'");
            }
            items.Add(text);
        }
        return Result<IReadOnlyList<string>?>.Ok(items);
    }

    public Result<JsonFields?> Object(string name)
    {
        if (!TryGet(name, out var value))
        {
            return Result<JsonFields?>.Ok(null);
        }
        return value.ValueKind == JsonValueKind.Object
            ? Result<JsonFields?>.Ok(new JsonFields(value))
            : WrongType<JsonFields?>(name, "an object", value);
    }

    private bool TryGet(string name, out JsonElement value) =>
        Find(name, out value) && value.ValueKind != JsonValueKind.Null;

    // TryGetProperty unescapes each escaped name it compares, and throws on one that is no Unicode text
    // ({"\ud800":1}): such a name is never one we look for, so the names are then compared one by one
    // without it. The last of duplicated names wins, as with TryGetProperty.
    private bool Find(string name, out JsonElement value)
    {
        try
        {
            return root.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            var found = false;
            value = default;
            foreach (var property in root.EnumerateObject())
            {
                if (NameIs(property, name))
                {
                    (found, value) = (true, property.Value);
                }
            }
            return found;
        }
    }

    private static bool NameIs(JsonProperty property, string name)
    {
        try
        {
            return property.NameEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // "\ud800" is valid JSON but no Unicode text: GetString throws on it (and on bytes that are not UTF-8,
    // which JsonBody refuses first), and uncaught that was a 500 for every field of every body.
    private static bool TryRead(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static Result<T> Unreadable<T>(string what) =>
        Result<T>.Fail(ErrorCodes.InvalidField,
            $"{what} must be Unicode text; it holds an unpaired surrogate escape (\\ud800 to \\udfff not in a high-low pair such as \\ud83d\\ude00) or bytes that are not UTF-8.");

    private static Result<T> WrongType<T>(string name, string expected, JsonElement value) =>
        Result<T>.Fail(ErrorCodes.InvalidField, $"'{name}' must be {expected}; got {Describe(value)}.");

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
