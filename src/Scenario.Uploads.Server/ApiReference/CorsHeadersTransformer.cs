using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The <c>Access-Control-Allow-Origin</c> a browser reads on every answer, after the other transformers have made
/// the answers: part and download URLs are open to any origin (the signature is the credential), the API only to
/// the origins of <c>Cors:AllowedOrigins</c> (none by default), and the health checks to none.
/// </summary>
internal sealed class CorsHeadersTransformer : IOpenApiOperationTransformer
{
    // An origin is scheme://host[:port]: "https://", a DNS name of at most 253 characters, ":65535".
    private const int MaxOriginLength = 8 + 253 + 6;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // tus's discovery takes no key, but a browser's tus client asks it across origins as it asks the rest of /v1/tus.
        if (operation.OperationId is not { } id || !OperationDocs.All.TryGetValue(id, out var doc)
            || Header(id == OperationIds.DescribeResumable ? Access.ApiKey : doc.Access) is not { } header)
        {
            return Task.CompletedTask;
        }
        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Access-Control-Allow-Origin"] = header;
        }
        return Task.CompletedTask;
    }

    private static OpenApiHeader? Header(Access access) => access switch
    {
        Access.SignedUrl => new OpenApiHeader
        {
            Description = "`*` for a request from a browser (with `Origin`): any page may send parts and read downloads.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("*")] },
        },
        Access.ApiKey => new OpenApiHeader
        {
            Description = "The request's `Origin`, when `Cors:AllowedOrigins` lists it; otherwise absent (the default: no other site's page may call the API).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = MaxOriginLength },
        },
        _ => null,
    };
}
