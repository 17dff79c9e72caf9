namespace Scenario.Uploads.Persistence.Rows;

/// <summary>A row of <c>idempotency_keys</c> (schema version 4), and the SQL that claims one.</summary>
internal sealed class IdempotencyRow
{
    /// <summary>
    /// Takes the key when it is free, or when its holder is older than <c>@ReclaimBefore</c> (its lifetime is
    /// over): one row changed. Another live holder: none, and nothing else of the create is written.
    /// </summary>
    public const string Claim = """
        INSERT INTO idempotency_keys (owner_id, idem_key, request_sha256, upload_id, created_at)
        VALUES (@OwnerId, @Key, @RequestSha256, @UploadId, @CreatedAt)
        ON CONFLICT (owner_id, idem_key) DO UPDATE
            SET request_sha256 = excluded.request_sha256, upload_id = excluded.upload_id, created_at = excluded.created_at
            WHERE idempotency_keys.created_at < @ReclaimBefore;
        """;

    public const string Select = """
        SELECT owner_id AS OwnerId, idem_key AS IdemKey, request_sha256 AS RequestSha256, upload_id AS UploadId, created_at AS CreatedAt
        FROM idempotency_keys WHERE owner_id = @ownerId AND idem_key = @key;
        """;

    public const string Release = "DELETE FROM idempotency_keys WHERE owner_id = @OwnerId AND idem_key = @Key AND upload_id = @UploadId;";

    public const string DeleteBefore = "DELETE FROM idempotency_keys WHERE created_at < @before;";

    public string OwnerId { get; set; } = "";
    public string IdemKey { get; set; } = "";
    public string RequestSha256 { get; set; } = "";
    public string UploadId { get; set; } = "";
    public long CreatedAt { get; set; }

    /// <summary>The parameters of <see cref="Claim"/>.</summary>
    public static object ClaimValues(IdempotencyClaim claim, DateTimeOffset reclaimBefore) => new
    {
        claim.OwnerId, claim.Key, claim.RequestSha256, claim.UploadId,
        CreatedAt = UnixTime.Ms(claim.CreatedAt), ReclaimBefore = UnixTime.Ms(reclaimBefore),
    };

    public IdempotencyClaim ToClaim() => new(OwnerId, IdemKey, RequestSha256, UploadId, UnixTime.At(CreatedAt));
}
