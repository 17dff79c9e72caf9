namespace Scenario.Uploads.Persistence;

/// <summary>
/// Where the state of uploads whose bytes arrive appended in order (tus, RUFH) is kept: how many bytes are in,
/// the SHA-256 of those bytes so far, and who may append now. One append at a time per upload, across every
/// instance sharing the database: an append holds the upload until <see cref="AppendState.HeldUntil"/>, renews
/// that while its bytes flow, and advances the offset only from the offset it started at.
/// </summary>
public interface IAppendRepository
{
    Task CreateAsync(AppendState state, CancellationToken cancellationToken);

    /// <summary>The state of <paramref name="id"/> (an upload's id, or a partial upload's), or null.</summary>
    Task<AppendState?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the upload for <paramref name="holder"/> until <paramref name="until"/> when nobody holds it or the
    /// holder's time ran out before <paramref name="now"/>; returns the state as it is then, and whether it is held.
    /// </summary>
    Task<(AppendState? State, bool Held)> HoldAsync(string id, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Extends the hold; false when <paramref name="holder"/> no longer holds it.</summary>
    Task<bool> RenewAsync(string id, string holder, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the offset from <paramref name="from"/> to <paramref name="to"/> with the hash state of the bytes up
    /// to it (and the length, once a deferred one is known), durably, when <paramref name="holder"/> holds the
    /// upload and its offset is still <paramref name="from"/>.
    /// </summary>
    Task<bool> AdvanceAsync(string id, string holder, long from, long to, string? hashState, long? length, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="holder"/>'s hold (nothing when it does not hold it).</summary>
    Task ReleaseAsync(string id, string holder, CancellationToken cancellationToken);

    /// <summary>Forgets the state; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Partial uploads (concatenation's pieces, which have no upload of their own) whose time ran out.</summary>
    Task<IReadOnlyList<AppendState>> FindExpiredPartialsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

/// <summary>An upload that receives its bytes appended in order, as the repository keeps it.</summary>
public sealed record AppendState
{
    /// <summary>The upload's id, or a partial upload's (<c>partial_…</c>).</summary>
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    /// <summary><c>tus</c>, <c>rufh</c> or <see cref="Partial"/>.</summary>
    public required string Protocol { get; init; }
    public required string StorageKey { get; init; }
    public string? StorageUploadId { get; init; }
    /// <summary>Null while the length is deferred.</summary>
    public long? Length { get; init; }
    /// <summary>The size of the store's parts the bytes are cut into (the last one may be shorter).</summary>
    public required long PartSize { get; init; }
    /// <summary>How many bytes are in, durably: the offset the next append starts at.</summary>
    public required long Offset { get; init; }
    /// <summary>The SHA-256 state of the first <see cref="Offset"/> bytes, as saved text; null when not hashed.</summary>
    public string? HashState { get; init; }
    /// <summary>The <c>Upload-Metadata</c> header the upload was created with, echoed by HEAD.</summary>
    public string? Metadata { get; init; }
    /// <summary>A final upload's partial uploads, in order, space-separated.</summary>
    public string? Concat { get; init; }
    public string? Holder { get; init; }
    public DateTimeOffset? HeldUntil { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    public const string Partial = "partial";

    public bool IsPartial => Protocol == Partial;

    public bool IsComplete => Length is { } length && Offset == length;
}
