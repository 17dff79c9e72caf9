using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The API described by the code that serves it: <c>/openapi/v1.json</c> is generated from the endpoints
/// and the answer types (Microsoft.AspNetCore.OpenApi), completed by the transformers of this folder, and
/// <c>/docs</c> shows it with Scalar's bundled page, served from this origin only.
/// </summary>
public static class ApiReferenceRegistration
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/docs";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiReferenceOptions, ApiReferenceOptionsValidator>(ApiReferenceOptions.Section);
        services.AddOpenApi("v1", openApi =>
        {
            openApi.CreateSchemaReferenceId = SchemaNames.Of;
            // Each GET also answers HEAD (GetAndHead); HTTP implies it, and a second operation per path would repeat every GET.
            var included = openApi.ShouldInclude;
            openApi.ShouldInclude = description => !HttpMethods.IsHead(description.HttpMethod ?? "") && included(description);
            openApi.AddSchemaTransformer<WireSchemaTransformer>();
            openApi.AddOperationTransformer<OperationTransformer>();
            openApi.AddOperationTransformer<ProblemResponsesTransformer>();
            openApi.AddOperationTransformer<CorsHeadersTransformer>();
            openApi.AddDocumentTransformer<DocumentTransformer>();
        });
        return services;
    }

    public static void MapApiReference(this WebApplication app)
    {
        // Read here, not from the options: endpoints exist or not. An unparsable value maps them, and the
        // start is refused anyway by the configuration check, naming the key.
        if (bool.TryParse(app.Configuration[$"{ApiReferenceOptions.Section}:Enabled"], out var enabled) && !enabled)
        {
            return;
        }
        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous().AnswerHeadToo();
        app.MapGetAndHead(PagePath, ApiReferencePage.Page).AllowAnonymous().ExcludeFromDescription();
        app.MapGetAndHead($"{PagePath}/reference.js", ApiReferencePage.Script).AllowAnonymous().ExcludeFromDescription();
        app.MapGetAndHead($"{PagePath}/scalar.js", ApiReferencePage.ScalarBundle).AllowAnonymous().ExcludeFromDescription();
    }
}
