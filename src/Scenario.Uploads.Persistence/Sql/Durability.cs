namespace Scenario.Uploads.Persistence.Sql;

/// <summary>How soon a write of <see cref="ISqlDatabase.WriteAsync{T}"/> must be on disk.</summary>
public enum Durability
{
    /// <summary>On disk before the write returns: what a client was (or will be) told happened.</summary>
    Synced,

    /// <summary>
    /// Committed without waiting for the disk: SQLite commits it without syncing its log, and the next
    /// <see cref="Synced"/> write syncs it with that log; PostgreSQL commits every write durably. Only for a
    /// write whose loss to power failure costs nothing acknowledged: a job's own intermediate step (its claim,
    /// a validated status, the entity it creates before the upload says imported), which the job does again,
    /// or a create (<see cref="SqlUploadCreates"/> says why).
    /// </summary>
    Relaxed,
}
