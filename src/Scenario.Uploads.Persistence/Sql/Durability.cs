namespace Scenario.Uploads.Persistence.Sql;

/// <summary>How soon a write of <see cref="ISqlDatabase.WriteAsync{T}"/> must be on disk.</summary>
public enum Durability
{
    /// <summary>On disk before the write returns: what a client was (or will be) told happened.</summary>
    Synced,

    /// <summary>
    /// A job's own intermediate step (its claim, a validated status, the entity it creates before the upload
    /// says imported), which the job does again if power loss takes it: SQLite may then commit it without
    /// syncing its log, and the job's next synced write (the imported status, the job's end) syncs it with
    /// that log. PostgreSQL commits every write durably.
    /// </summary>
    Redoable,
}
