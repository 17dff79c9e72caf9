using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>A schema the transformers add themselves, generated from its type once and referenced by name.</summary>
internal static class ComponentSchemas
{
    public static async Task<IOpenApiSchema> ReferenceAsync(OpenApiOperationTransformerContext context, Type type, string name, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }
        return new OpenApiSchemaReference(name, document);
    }
}
