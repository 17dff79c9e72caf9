using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>What a validated upload becomes: its asset (with assetOptions applied) or its model.</summary>
public static class EntityFactory
{
    public static AssetRecord Asset(UploadRecord upload, DateTimeOffset now) => new()
    {
        Id = Ids.Derived("asset", upload.Id),
        OwnerId = upload.OwnerId,
        AuthorId = upload.AuthorId,
        UploadId = upload.Id,
        Kind = upload.Kind,
        FileName = upload.FileName,
        ContentType = upload.ContentType ?? "application/octet-stream",
        FileSize = upload.FileSize ?? 0,
        Sha256 = upload.Sha256!,
        StorageKey = upload.StorageKey,
        CreatedAt = now,
        CollectionIds = upload.AssetOptions?.CollectionIds ?? [],
        Hidden = upload.AssetOptions?.Hide ?? false,
        ParentId = upload.AssetOptions?.ParentId,
        MetadataJson = upload.InspectionJson,
    };

    public static ModelRecord Model(UploadRecord upload, DateTimeOffset now) => new()
    {
        Id = Ids.Derived("model", upload.Id),
        OwnerId = upload.OwnerId,
        AuthorId = upload.AuthorId,
        UploadId = upload.Id,
        Name = Path.GetFileNameWithoutExtension(upload.FileName) is { Length: > 0 } name ? name : upload.FileName,
        FileName = upload.FileName,
        ContentType = upload.ContentType ?? "application/octet-stream",
        FileSize = upload.FileSize ?? 0,
        Sha256 = upload.Sha256!,
        StorageKey = upload.StorageKey,
        CreatedAt = now,
        Source = upload.Source,
        ConfigJson = upload.ConfigJson,
        MetadataJson = upload.InspectionJson,
    };
}
