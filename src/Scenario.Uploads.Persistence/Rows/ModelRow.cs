using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>The models table as Dapper reads it, for every database.</summary>
internal sealed class ModelRow
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string UploadId { get; set; } = "";
    public string Name { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long FileSize { get; set; }
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string? Source { get; set; }
    public string? Config { get; set; }
    public string? Metadata { get; set; }
    public long CreatedAt { get; set; }

    public ModelRecord ToRecord() => new()
    {
        Id = Id, OwnerId = OwnerId, AuthorId = AuthorId, UploadId = UploadId, Name = Name, FileName = FileName,
        ContentType = ContentType, FileSize = FileSize, Sha256 = Sha256, StorageKey = StorageKey, Source = Source,
        ConfigJson = Config, MetadataJson = Metadata, CreatedAt = UnixTime.At(CreatedAt),
    };
}
