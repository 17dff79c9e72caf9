namespace Scenario.Uploads.Persistence.Rows;

/// <summary>The <c>upload_appends</c> table as Dapper reads and writes it.</summary>
internal sealed class AppendRow
{
    public string Id { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string Protocol { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string? StorageUploadId { get; set; }
    public long? UploadLength { get; set; }
    public long PartSize { get; set; }
    public long Received { get; set; }
    public string? HashState { get; set; }
    public string? Metadata { get; set; }
    public string? Concat { get; set; }
    public string? Holder { get; set; }
    public long? HeldUntil { get; set; }
    public long CreatedAt { get; set; }
    public long ExpiresAt { get; set; }

    public static AppendRow From(AppendState s) => new()
    {
        Id = s.Id,
        OwnerId = s.OwnerId,
        Protocol = s.Protocol,
        StorageKey = s.StorageKey,
        StorageUploadId = s.StorageUploadId,
        UploadLength = s.Length,
        PartSize = s.PartSize,
        Received = s.Offset,
        HashState = s.HashState,
        Metadata = s.Metadata,
        Concat = s.Concat,
        CreatedAt = UnixTime.Ms(s.CreatedAt),
        ExpiresAt = UnixTime.Ms(s.ExpiresAt),
    };

    public AppendState ToState() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        Protocol = Protocol,
        StorageKey = StorageKey,
        StorageUploadId = StorageUploadId,
        Length = UploadLength,
        PartSize = PartSize,
        Offset = Received,
        HashState = HashState,
        Metadata = Metadata,
        Concat = Concat,
        Holder = Holder,
        HeldUntil = HeldUntil is { } until ? UnixTime.At(until) : null,
        CreatedAt = UnixTime.At(CreatedAt),
        ExpiresAt = UnixTime.At(ExpiresAt),
    };
}
