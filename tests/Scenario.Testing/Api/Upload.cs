using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scenario.Testing.Api;

/// <summary>
/// The API's <c>Upload</c> as the tests read it. <see cref="Json"/> keeps the wire form as sent, for the tests
/// of the shape itself (which fields are present, how they are written).
/// </summary>
public sealed record Upload
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public string? AuthorId { get; init; }
    public string? OwnerId { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public string? FileName { get; init; }
    public string? OriginalFileName { get; init; }
    public string? ContentType { get; init; }
    public string? Kind { get; init; }
    public string? Source { get; init; }
    public long? FileSize { get; init; }
    public int? PartsCount { get; init; }
    public long? PartSize { get; init; }
    public IReadOnlyList<UploadPart> Parts { get; init; } = [];
    public string? EntityId { get; init; }
    public string? JobId { get; init; }
    public string? ErrorMessage { get; init; }
    public string? Sha256 { get; init; }
    public string? Url { get; init; }
    public string? Provider { get; init; }

    [JsonIgnore]
    public JsonElement Json { get; init; }

    public override string ToString() => Json.ToString();

    /// <summary>The upload in a JSON text such as an answer's body or the CLI's <c>--json</c> output.</summary>
    public static Upload Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    /// <summary>The upload in an answer's <c>{"upload": …}</c> envelope, or the bare upload.</summary>
    public static Upload From(JsonElement element)
    {
        var upload = element.TryGetProperty("upload", out var inner) ? inner : element;
        return upload.Deserialize<Upload>(ApiJson.Options)! with { Json = upload.Clone() };
    }
}

/// <summary>A part of an upload: where to PUT it and what the service holds of it.</summary>
public sealed record UploadPart(int Number, string Url, string Expires, bool Uploaded, long? Size, string? Etag);

/// <summary>The API's <c>Job</c>: the work that follows an upload's completion.</summary>
public sealed record Job
{
    public string? JobId { get; init; }
    public string? JobType { get; init; }
    public required string Status { get; init; }
    public double? Progress { get; init; }
    public JsonElement Metadata { get; init; }

    [JsonIgnore]
    public JsonElement Json { get; init; }

    public override string ToString() => Json.ToString();

    public static Job From(JsonElement element)
    {
        var job = element.TryGetProperty("job", out var inner) ? inner : element;
        return job.Deserialize<Job>(ApiJson.Options)! with { Json = job.Clone() };
    }
}

/// <summary>An error answer, problem+json with our stable <see cref="Code"/>; <see cref="Json"/> holds its extension fields.</summary>
public sealed record Problem
{
    public string? Code { get; init; }
    public int Status { get; init; }
    public string? Detail { get; init; }
    public string? Reason { get; init; }
    public string? TraceId { get; init; }

    [JsonIgnore]
    public JsonElement Json { get; init; }

    public override string ToString() => Json.ToString();

    public static Problem From(JsonElement element) => element.Deserialize<Problem>(ApiJson.Options)! with { Json = element.Clone() };
}

/// <summary>The API's JSON: camelCase names, as the service writes them.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
