using Scenario.Uploads.Server.Wire;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Scenario.Uploads.Server.Http;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The document's schema names: the reference's (Upload, UploadCreateResponse, …) and the SDK's for our
/// extensions, never the C# types' (UploadDto, UploadEnvelope), which clients generating code would inherit.
/// </summary>
internal static class SchemaNames
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(UploadDto)] = "Upload",
        [typeof(AssetOptionsDto)] = "UploadAssetOptions",
        [typeof(PartDto)] = "UploadPart",
        [typeof(UploadEnvelope)] = "UploadRetrieveResponse",
        [typeof(UploadCreateResponse)] = "UploadCreateResponse",
        [typeof(UploadTriggerActionResponse)] = "UploadTriggerActionResponse",
        [typeof(UploadListEnvelope)] = "UploadListResponse",
        [typeof(PartReceiptDto)] = "UploadPartReceipt",
        [typeof(PartReceiptEnvelope)] = "UploadPartPutResponse",
        [typeof(AssetDto)] = "Asset",
        [typeof(AssetEnvelope)] = "AssetRetrieveResponse",
        [typeof(ModelDto)] = "Model",
        [typeof(ModelEnvelope)] = "ModelRetrieveResponse",
        [typeof(JobDto)] = "Job",
        [typeof(JobEnvelope)] = "JobRetrieveResponse",
        [typeof(ProblemBody)] = "Problem",
    };

    /// <summary>Null keeps a schema inline: free JSON (<c>config</c>, <c>metadata</c>) and the health checks' anonymous bodies.</summary>
    public static string? Of(JsonTypeInfo type) =>
        Names.TryGetValue(type.Type, out var name) ? name
        : type.Type == typeof(System.Text.Json.JsonElement) || type.Type == typeof(System.Text.Json.JsonElement?)
            || type.Type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal) ? null
        : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
}
