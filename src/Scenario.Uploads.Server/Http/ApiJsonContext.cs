using Scenario.Uploads.Server.Wire;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// Serializers generated at build time for the API's answers, which <see cref="JsonOkResult{T}"/> calls directly;
/// same wire form as the defaults: web names, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadEnvelope))]
[JsonSerializable(typeof(UploadCreateResponse))]
[JsonSerializable(typeof(UploadTriggerActionResponse))]
[JsonSerializable(typeof(UploadListEnvelope))]
[JsonSerializable(typeof(PartReceiptEnvelope))]
[JsonSerializable(typeof(AssetEnvelope))]
[JsonSerializable(typeof(ModelEnvelope))]
[JsonSerializable(typeof(JobEnvelope))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
