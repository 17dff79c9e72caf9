using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// The service's own OpenAPI document, as a checker of answers: finds the operation of a request by its path
/// template, the response the document declares for the status and media type, and validates the body
/// against that response's schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1) with JsonSchema.Net.
/// Component schemas are checked closed (no field they do not declare), so a renamed field fails even when
/// it is optional.
/// </summary>
public sealed class OpenApiContract
{
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly JsonObject _document;
    private readonly JsonObject _defs;

    public OpenApiContract(string documentJson)
    {
        _document = JsonNode.Parse(documentJson)!.AsObject();
        _defs = new JsonObject();
        foreach (var (name, schema) in _document["components"]?["schemas"]?.AsObject() ?? [])
        {
            var closed = Rewrite(schema!.DeepClone());
            if (closed is JsonObject obj && obj["type"]?.GetValue<string>() == "object" && obj["properties"] is not null)
            {
                obj["unevaluatedProperties"] = false;
            }
            _defs[name] = closed;
        }
    }

    public JsonObject Document => _document;

    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in _document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (path.Key, operation.Key, operation.Value!.AsObject());

    /// <summary>The operation a request went to: the path template whose segments match, literal ones first.</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return Operations()
            .Where(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && Matches(o.Path, segments))
            .OrderBy(o => o.Path.Count(c => c == '{'))
            .Select(o => ((string Template, JsonObject Operation)?)(o.Path, o.Operation))
            .FirstOrDefault();
    }

    /// <summary>Null when the answer is what the document says; else why not.</summary>
    public string? Check(RecordedResponse response)
    {
        if (Find(response.Method, response.Path) is not { } found)
        {
            return $"{response}: no operation in the document";
        }
        var responses = found.Operation["responses"]!.AsObject();
        if ((responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"]) is not JsonObject declared)
        {
            return $"{response}: the document declares no {response.Status} for {found.Template}";
        }
        var content = declared["content"]?.AsObject();
        if (response.MediaType is null)
        {
            return content is null || content.Count == 0 ? null : $"{response}: no Content-Type, but the document declares {string.Join(", ", content.Select(c => c.Key))}";
        }
        var media = content?[response.MediaType] ?? content?["*/*"];
        if (media is null)
        {
            return $"{response}: the document declares no {response.MediaType} for {response.Status} (it has {string.Join(", ", content?.Select(c => c.Key) ?? [])})";
        }
        if (!response.IsJson)
        {
            return null;
        }
        return Validate(media["schema"]!, response.Body) is { } errors ? $"{response}: {errors}\n{response.Body}" : null;
    }

    /// <summary>Validates <paramref name="json"/> against a schema of the document (refs to its components resolved).</summary>
    public string? Validate(JsonNode schema, string json)
    {
        var root = Rewrite(schema.DeepClone()) as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(Rewrite(schema.DeepClone())) };
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _defs.DeepClone();
        var compiled = JsonSchema.FromText(root.ToJsonString());
        using var instance = JsonDocument.Parse(json);
        var result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }
        var errors = result.Details?.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")) ?? [];
        return string.Join("; ", errors.DefaultIfEmpty("invalid"));
    }

    /// <summary>The schema of a component, for the checks that alter real bodies.</summary>
    public JsonNode Component(string name) => new JsonObject { ["$ref"] = ComponentPrefix + name };

    private static bool Matches(string template, string[] segments)
    {
        var parts = template.Trim('/').Split('/');
        return parts.Length == segments.Length
            && parts.Zip(segments).All(p => p.First.StartsWith('{') ? p.Second.Length > 0 : p.First.Equals(p.Second, StringComparison.Ordinal));
    }

    // The document's refs point into components; in the schema checked they point into its own $defs.
    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "$ref" && obj[key]!.GetValue<string>() is var target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = "#/$defs/" + target[ComponentPrefix.Length..];
                    }
                    else
                    {
                        obj[key] = Rewrite(obj[key]?.DeepClone());
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Rewrite(array[i]?.DeepClone());
                }
                return array;
            default:
                return node;
        }
    }
}
