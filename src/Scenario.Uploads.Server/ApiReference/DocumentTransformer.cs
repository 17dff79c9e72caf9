using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>The document's front matter: what the API is, its tags, and its two security schemes.</summary>
internal sealed class DocumentTransformer : IOpenApiDocumentTransformer
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
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = SecuritySchemes.All();
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = OperationDocs.Uploads, Description = "Create, upload in parts, complete, follow." },
            new() { Name = OperationDocs.Entities, Description = "What an upload becomes, and its stored file." },
            new() { Name = OperationDocs.Health, Description = "For load balancers and orchestrators." },
        };
        foreach (var schema in document.Components.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            WireSchemaTransformer.DropNullFromProperties(schema);
        }
        return Task.CompletedTask;
    }
}
