using System.Text.Json;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Persistence.Rows;

/// <summary>
/// The uploads table as Dapper reads and writes it, for every database (the schemas share their columns).
/// A database whose text columns cannot hold every character passes <c>storeText</c>/<c>readText</c>
/// (its dialect's) for the client-given original file name.
/// </summary>
internal sealed class UploadRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public string FileName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Source { get; set; } = "";
    public string Status { get; set; } = "";
    public string JobId { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public long ExpiresAt { get; set; }
    public string? AssetOptions { get; set; }
    public string? Config { get; set; }
    public string? ContentType { get; set; }
    public string? EntityId { get; set; }
    public string? ErrorMessage { get; set; }
    public long? FileSize { get; set; }
    public string? OriginalFileName { get; set; }
    public long? PartsCount { get; set; }
    public long? PartSize { get; set; }
    public string? Provider { get; set; }
    public string? Url { get; set; }
    public string? SourceReference { get; set; }
    public string? StorageUploadId { get; set; }
    public string? Sha256 { get; set; }
    public string? Inspection { get; set; }
    public long BytesDeleted { get; set; }
    public string? Protocol { get; set; }

    public const string Columns = """
        id, owner_id, author_id, created_at, updated_at, file_name, kind, source, status, job_id, storage_key,
        expires_at, asset_options, config, content_type, entity_id, error_message, file_size, original_file_name,
        parts_count, part_size, provider, url, source_reference, storage_upload_id, sha256, inspection, bytes_deleted, protocol
        """;

    public const string Parameters = """
        @Id, @OwnerId, @AuthorId, @CreatedAt, @UpdatedAt, @FileName, @Kind, @Source, @Status, @JobId, @StorageKey,
        @ExpiresAt, @AssetOptions, @Config, @ContentType, @EntityId, @ErrorMessage, @FileSize, @OriginalFileName,
        @PartsCount, @PartSize, @Provider, @Url, @SourceReference, @StorageUploadId, @Sha256, @Inspection, @BytesDeleted, @Protocol
        """;

    private static readonly string[] ParameterNames =
        Parameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>This row's values for <see cref="Parameters"/>, by position.</summary>
    public Sql.PositionalParameters Positional() => new(ParameterNames,
    [
        Id, OwnerId, AuthorId, CreatedAt, UpdatedAt, FileName, Kind, Source, Status, JobId, StorageKey,
        ExpiresAt, AssetOptions, Config, ContentType, EntityId, ErrorMessage, FileSize, OriginalFileName,
        PartsCount, PartSize, Provider, Url, SourceReference, StorageUploadId, Sha256, Inspection, BytesDeleted, Protocol,
    ]);

    /// <summary>Every column of the uploads read back, for a query to add its condition to.</summary>
    public const string Select = "SELECT " + Columns + " FROM uploads";

    /// <summary>
    /// What may change after create besides the status (which only <c>SqlUploadStatusChanges</c> writes);
    /// identity and owner never do. A plan is only ever filled in, never taken back (a resumable upload of
    /// deferred length learns its plan late; a caller holding a record from before must not erase it), and
    /// the kind of a resumable upload that named none is decided from its first bytes.
    /// </summary>
    public const string MutableAssignments = """
        updated_at = @UpdatedAt, file_name = @FileName, kind = @Kind,
        parts_count = COALESCE(@PartsCount, parts_count), part_size = COALESCE(@PartSize, part_size), expires_at = @ExpiresAt, config = @Config,
        content_type = @ContentType, entity_id = @EntityId, error_message = @ErrorMessage, file_size = @FileSize,
        url = @Url, storage_upload_id = @StorageUploadId, sha256 = @Sha256, inspection = @Inspection,
        bytes_deleted = @BytesDeleted
        """;

    public static UploadRow From(UploadRecord u, Func<string?, string?>? storeText = null) => new()
    {
        Id = u.Id,
        OwnerId = u.OwnerId,
        AuthorId = u.AuthorId,
        CreatedAt = UnixTime.Ms(u.CreatedAt),
        UpdatedAt = UnixTime.Ms(u.UpdatedAt),
        FileName = u.FileName,
        Kind = u.Kind,
        Source = u.Source,
        Status = u.Status,
        JobId = u.JobId,
        StorageKey = u.StorageKey,
        ExpiresAt = UnixTime.Ms(u.ExpiresAt),
        AssetOptions = u.AssetOptions is null ? null : JsonSerializer.Serialize(u.AssetOptions, Json),
        Config = u.ConfigJson,
        ContentType = u.ContentType,
        EntityId = u.EntityId,
        ErrorMessage = u.ErrorMessage,
        FileSize = u.FileSize,
        OriginalFileName = storeText is null ? u.OriginalFileName : storeText(u.OriginalFileName),
        PartsCount = u.PartsCount,
        PartSize = u.PartSize,
        Provider = u.Provider,
        Url = u.Url,
        SourceReference = u.SourceReference,
        StorageUploadId = u.StorageUploadId,
        Sha256 = u.Sha256,
        Inspection = u.InspectionJson,
        BytesDeleted = u.BytesDeleted ? 1 : 0,
        Protocol = u.Protocol,
    };

    public UploadRecord ToRecord(Func<string?, string?>? readText = null) => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        AuthorId = AuthorId,
        CreatedAt = UnixTime.At(CreatedAt),
        UpdatedAt = UnixTime.At(UpdatedAt),
        FileName = FileName,
        Kind = Kind,
        Source = Source,
        Status = Status,
        JobId = JobId,
        StorageKey = StorageKey,
        ExpiresAt = UnixTime.At(ExpiresAt),
        AssetOptions = AssetOptions is null ? null : JsonSerializer.Deserialize<AssetOptions>(AssetOptions, Json),
        ConfigJson = Config,
        ContentType = ContentType,
        EntityId = EntityId,
        ErrorMessage = ErrorMessage,
        FileSize = FileSize,
        OriginalFileName = readText is null ? OriginalFileName : readText(OriginalFileName),
        PartsCount = (int?)PartsCount,
        PartSize = PartSize,
        Provider = Provider,
        Url = Url,
        SourceReference = SourceReference,
        StorageUploadId = StorageUploadId,
        Sha256 = Sha256,
        InspectionJson = Inspection,
        BytesDeleted = BytesDeleted != 0,
        Protocol = Protocol,
    };
}
