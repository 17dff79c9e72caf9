using System.Text.Json;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Webhooks;

/// <summary>
/// An upload that ended, as a webhook announces it: the event's id, type and time, fixed when the upload
/// ended (and kept in the delivery's job), so every attempt and every receiver sees the same event.
/// </summary>
public sealed record UploadEvent(string Id, string Type, DateTimeOffset CreatedAt)
{
    public const string Imported = "upload.imported";
    public const string Failed = "upload.failed";

    /// <summary>The <c>job_type</c> of a delivery in the job queue.</summary>
    public const string JobType = "webhook";

    /// <summary>The event an upload entering <paramref name="status"/> raises, or null when it has not ended.</summary>
    public static UploadEvent? For(string status, DateTimeOffset now) => status switch
    {
        UploadStatuses.Imported => new UploadEvent(Ids.New("evt", now), Imported, now),
        UploadStatuses.Failed => new UploadEvent(Ids.New("evt", now), Failed, now),
        _ => null,
    };

    public string ToJson() => JsonSerializer.Serialize(new Stored(Id, Type, CreatedAt.ToUnixTimeMilliseconds()));

    public static UploadEvent FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new FormatException("A webhook job holds no event.");
        return new UploadEvent(stored.Id, stored.Type, DateTimeOffset.FromUnixTimeMilliseconds(stored.CreatedAt));
    }

    private sealed record Stored(string Id, string Type, long CreatedAt);
}
