using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>What a create answers: the new upload, or (<paramref name="Replayed"/>) the one an earlier create with the same idempotency key made.</summary>
public sealed record CreatedUpload(UploadRecord Upload, bool Replayed);
