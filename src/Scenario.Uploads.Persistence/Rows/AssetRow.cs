using System.Text.Json;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>The assets table as Dapper reads it, for every database.</summary>
internal sealed class AssetRow
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string UploadId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long FileSize { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string CollectionIds { get; set; } = "[]";
    public long Hidden { get; set; }
    public string? ParentId { get; set; }
    public string? Metadata { get; set; }
    public long CreatedAt { get; set; }

    public AssetRecord ToRecord() => new()
    {
        Id = Id, OwnerId = OwnerId, AuthorId = AuthorId, UploadId = UploadId, Kind = Kind, FileName = FileName,
        ContentType = ContentType, FileSize = FileSize, Sha256 = Sha256, StorageKey = StorageKey,
        CollectionIds = JsonSerializer.Deserialize<string[]>(CollectionIds) ?? [], Hidden = Hidden != 0,
        ParentId = ParentId, MetadataJson = Metadata, CreatedAt = UnixTime.At(CreatedAt),
    };
}
