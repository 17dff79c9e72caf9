using Scenario.Uploads.Server.Wire;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Uploads.Server.Webhooks;

/// <summary>The body of a delivery: the event, and the upload as the API shows it.</summary>
public sealed record WebhookEnvelope(string Id, string Type, string CreatedAt, WebhookData Data);

public sealed record WebhookData(UploadDto Upload);

/// <summary>The same wire form as the API's answers: web names, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookEnvelope))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
