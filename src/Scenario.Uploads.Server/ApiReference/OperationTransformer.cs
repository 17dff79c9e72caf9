using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// Gives each operation its words, tag and security from <see cref="OperationDocs"/>, and the parts of the
/// wire its handler reads or writes by hand (the JSON bodies, the signed URL's query, a part's raw body, a
/// file's bytes, the list's paging), which no parameter type of the handler shows. The JSON bodies are not
/// declared with <c>Accepts</c>: that metadata makes routing refuse other Content-Types (415, before
/// authentication), and the API reads its bodies whatever Content-Type a client sends.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !OperationDocs.All.TryGetValue(id, out var doc))
        {
            return;
        }
        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, context.Document) };
        operation.Security = doc.Access switch
        {
            Access.ApiKey => [Requirement(SecuritySchemes.ApiKey, context.Document)],
            Access.SignedUrl => [Requirement(SecuritySchemes.SignedUrl, context.Document)],
            _ => [],
        };
        WireParameters.BoundPath(operation);
        if (doc.Access == Access.SignedUrl)
        {
            AddParameter(operation, WireParameters.Expires());
            AddParameter(operation, WireParameters.Signature());
        }
        switch (id)
        {
            case OperationIds.CreateUpload:
                operation.RequestBody = await JsonBodyAsync(context, typeof(UploadCreateParams), cancellationToken);
                SetExamples(operation, Examples.Create(), Examples.PendingUpload());
                break;
            case OperationIds.TriggerUploadAction:
                operation.RequestBody = await JsonBodyAsync(context, typeof(UploadTriggerActionParams), cancellationToken);
                SetExamples(operation, Examples.Action(), Examples.ImportedUpload());
                break;
            case OperationIds.RetrieveUpload:
                SetExamples(operation, null, Examples.PendingUpload());
                break;
            case OperationIds.PutUploadPart:
                WireParts.DescribePartPut(operation);
                break;
            case OperationIds.DownloadFile:
                WireParts.DescribeDownload(operation);
                break;
            case OperationIds.ListUploads:
                AddParameter(operation, WireParameters.PageSize());
                AddParameter(operation, WireParameters.PaginationToken());
                break;
            case OperationIds.Liveness:
                WireParts.DescribeLiveness(operation);
                break;
            case OperationIds.Readiness:
                WireParts.DescribeReadiness(operation);
                break;
            case OperationIds.DescribeResumable or OperationIds.CreateResumable or OperationIds.RetrieveResumableOffset
                or OperationIds.AppendResumable or OperationIds.TerminateResumable:
                WireTus.Describe(operation, id, context.Document);
                break;
        }
    }

    private static async Task<OpenApiRequestBody> JsonBodyAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken) => new()
    {
        Required = true,
        Description = "JSON, at most 64 KiB; read whatever the Content-Type.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = await ComponentSchemas.ReferenceAsync(context, type, type.Name, cancellationToken) },
        },
    };

    private static void SetExamples(OpenApiOperation operation, Dictionary<string, IOpenApiExample>? request, System.Text.Json.Nodes.JsonNode answer)
    {
        if (request is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Examples = request;
        }
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = answer;
        }
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddParameter(OpenApiOperation operation, OpenApiParameter parameter) =>
        (operation.Parameters ??= []).Add(parameter);
}
