using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The pieces of the wire that handlers read or write themselves, for <see cref="OperationTransformer"/>.</summary>
internal static class WireParts
{
    public static void DescribePartPut(OpenApiOperation operation)
    {
        (operation.Parameters ??= []).Add(WireParameters.ContentMd5());
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The part's raw bytes, with any Content-Type or none (the service never reads it): exactly the part's size "
                + "under the part plan, at most 5 GiB (5,368,709,120 bytes).",
            Content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = AnyBytes() },
        };
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = new OpenApiHeader
                {
                    Description = "`\"xxh128-<32 hex>\"`: the XXH128 of the bytes stored.",
                    Schema = Matching("^\"xxh128-[0-9a-f]{32}\"$", 41),
                },
            };
        }
    }

    public static void DescribeDownload(OpenApiOperation operation)
    {
        (operation.Parameters ??= []).Add(WireParameters.Range());
        var headers = new Dictionary<string, IOpenApiHeader>
        {
            ["ETag"] = new OpenApiHeader { Description = "The file's SHA-256, quoted.", Schema = Matching("^\"[0-9a-f]{64}\"$", 66) },
            ["Accept-Ranges"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("bytes")] } },
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = AnyBytes() };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse { Description = "The whole file, with its content type and file name.", Headers = headers, Content = content };
        operation.Responses["206"] = new OpenApiResponse
        {
            Description = "The range asked for, with `Content-Range`.",
            Headers = new Dictionary<string, IOpenApiHeader>(headers)
            {
                // "bytes " and three numbers of at most 19 digits.
                ["Content-Range"] = new OpenApiHeader { Schema = Matching("^bytes [0-9]+-[0-9]+/[0-9]+$", 6 + (3 * 19) + 2) },
            },
            Content = content,
        };
    }

    /// <summary><c>{"status":"alive"}</c> (HealthReportWriter).</summary>
    public static void DescribeLiveness(OpenApiOperation operation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("alive")] } },
            AdditionalPropertiesAllowed = false,
        };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The process answers.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>The readiness report (HealthReportWriter): the overall status, and each check's status, duration and description.</summary>
    public static void DescribeReadiness(OpenApiOperation operation)
    {
        var check = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status", "durationMs" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("healthy"), JsonValue.Create("degraded"), JsonValue.Create("unhealthy")] },
                ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status", "durationMs", "checks" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("ready"), JsonValue.Create("not-ready")] },
                ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = check },
            },
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse { Description = "Ready: every check passed.", Content = content };
        operation.Responses["503"] = new OpenApiResponse { Description = "Not ready: `checks` says which does not answer.", Content = content };
    }

    private static OpenApiSchema Matching(string pattern, int maxLength) => new() { Type = JsonSchemaType.String, Pattern = pattern, MaxLength = maxLength };

    // OpenAPI 3.1: raw bytes are a media type without a schema (a JSON Schema string counts characters, not bytes).
    private static OpenApiMediaType AnyBytes() => new();
}
