using Scenario.Uploads.Model;

namespace Scenario.Uploads.Contracts.Tests;

/// <summary>Uploads and jobs as the service would create them, for the contract tests.</summary>
public static class Records
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    public static (UploadRecord Upload, JobRecord Job) New(string owner = "owner_a", int parts = 3, DateTimeOffset? createdAt = null, DateTimeOffset? expiresAt = null)
    {
        var id = Ids.New("upload");
        var created = createdAt ?? T0;
        var fileSize = (parts * PartPlan.MinPartSize) + 7;
        // The part size as if the first part had fixed it already (the service's old ceil(S/N) size).
        var plan = new PartPlan(fileSize, parts, (fileSize + parts - 1) / parts);
        var upload = new UploadRecord
        {
            Id = id, OwnerId = owner, AuthorId = "author_a", CreatedAt = created, UpdatedAt = created, FileName = "f.bin",
            OriginalFileName = "dir\\f\0.bin", Kind = UploadKinds.Asset, Source = UploadSources.Multipart, Status = UploadStatuses.Pending,
            JobId = Ids.New("job"), StorageKey = $"uploads/{id}", ExpiresAt = expiresAt ?? created.AddDays(1),
            AssetOptions = new AssetOptions(["col_1"], true, null), ConfigJson = """{"a":1}""", ContentType = "application/octet-stream",
            FileSize = plan.FileSize, PartsCount = plan.PartsCount, PartSize = plan.PartSize, StorageUploadId = "store-" + id,
        };
        var job = new JobRecord
        {
            Id = upload.JobId, OwnerId = owner, UploadId = id, JobType = "upload", Status = JobStatuses.Queued, Progress = 0,
            CreatedAt = created, UpdatedAt = created, Attempts = 0,
        };
        return (upload, job);
    }

    public static PartRecord Part(UploadRecord upload, int number) =>
        new(number, upload.Plan!.SizeOf(number), $"etag{number}", T0.AddSeconds(number));
}
