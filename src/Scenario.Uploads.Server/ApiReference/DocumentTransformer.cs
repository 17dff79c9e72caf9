using Microsoft.AspNetCore.OpenApi;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Scenario.Uploads.Server.Signing;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The document's front matter: what the API is, where it is served, its tags, and its two security schemes.</summary>
internal sealed class DocumentTransformer(PublicBaseUrl publicBaseUrl) : IOpenApiDocumentTransformer
{
    private const string Description = """
        A self-hostable implementation of the Scenario Uploads API: create an upload, PUT its parts in parallel to
        the signed URLs it answers with, complete it, and the service validates the bytes by their content and
        imports them as an asset or a model. Imports from a URL, Hugging Face or Civitai are downloaded by the service.

        Every answer of the reference is wrapped (`{"upload": {...}}`), with camelCase names and ISO-8601 UTC
        timestamps; fields without a value are omitted, never `null`. Errors are `application/problem+json`
        (RFC 9457) with a stable `code` to switch on; each operation lists the codes it can answer.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "Scenario Uploads API", Version = "v1", Description = Description };
        document.Servers = Servers(document.Servers);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = SecuritySchemes.All();
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = OperationDocs.Uploads, Description = "Create, upload in parts, complete, follow." },
            new() { Name = OperationDocs.Entities, Description = "What an upload becomes, and its stored file." },
            new() { Name = OperationDocs.Resumable, Description = "tus 1.0.0 and the IETF resumable-upload draft, over the same uploads." },
            new() { Name = OperationDocs.Health, Description = "For load balancers and orchestrators." },
        };
        foreach (var schema in document.Components.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            WireSchemaTransformer.DropNullFromProperties(schema);
        }
        return Task.CompletedTask;
    }

    // The generator names the address the request reached, with a trailing slash, which joined with a path
    // ("/v1/uploads") makes a double one. The URL is the one the signed part URLs use: Uploads:PublicBaseUrl
    // when set (so a Host header cannot change it), else the request's, after the trusted forwarded headers.
    private List<OpenApiServer> Servers(IList<OpenApiServer>? generated)
    {
        var urls = publicBaseUrl.Configured is { } configured ? [configured] : (generated ?? []).Select(s => s.Url).OfType<string>();
        return [.. urls.Select(url => new OpenApiServer
        {
            Url = url.TrimEnd('/'),
            // The audience, for documentation tools: the API's own clients; nothing in the document is internal.
            Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
        })];
    }
}
