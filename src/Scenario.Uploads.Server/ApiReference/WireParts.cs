using Microsoft.OpenApi;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The pieces of the wire that handlers read or write themselves, for <see cref="OperationTransformer"/>.</summary>
internal static class WireParts
{
    public static OpenApiParameter Query(string name, string description, bool required, bool integer = false) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = required,
        Description = description,
        Schema = integer ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "100" } : String(),
    };

    public static void DescribePartPut(OpenApiOperation operation)
    {
        (operation.Parameters ??= []).Add(new OpenApiParameter
        {
            Name = "Content-MD5",
            In = ParameterLocation.Header,
            Description = "Optional: the base64 of the part's MD5, checked (`400 bad_digest` on a mismatch).",
            Schema = String(),
        });
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The part's raw bytes, of any Content-Type or none: exactly the part's size under the part plan.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/octet-stream"] = new() { Schema = Binary() } },
        };
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = new OpenApiHeader { Description = "`\"xxh128-<32 hex>\"`: the XXH128 of the bytes stored.", Schema = String() },
            };
        }
    }

    public static void DescribeDownload(OpenApiOperation operation)
    {
        (operation.Parameters ??= []).Add(new OpenApiParameter
        {
            Name = "Range",
            In = ParameterLocation.Header,
            Description = "Optional: `bytes=start-end`, to resume or seek (`416 range_not_satisfiable` outside the file).",
            Schema = String(),
        });
        var headers = new Dictionary<string, IOpenApiHeader>
        {
            ["ETag"] = new OpenApiHeader { Description = "The file's SHA-256, quoted.", Schema = String() },
            ["Accept-Ranges"] = new OpenApiHeader { Schema = String() },
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = new() { Schema = Binary() } };
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse { Description = "The whole file, with its content type and file name.", Headers = headers, Content = content };
        operation.Responses["206"] = new OpenApiResponse
        {
            Description = "The range asked for, with `Content-Range`.",
            Headers = new Dictionary<string, IOpenApiHeader>(headers) { ["Content-Range"] = new OpenApiHeader { Schema = String() } },
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

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };
}
