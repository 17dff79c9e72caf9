using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// PostgreSQL's SQL: Dapper sends a list as an array, hence <c>= ANY(@list)</c>; the rows a write depends on
/// are locked, since several instances write at once; text cannot hold U+0000 (<see cref="NulText"/>).
/// </summary>
public sealed class PostgresDialect : SqlDialect
{
    public override string IsIn(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object ListValue(IReadOnlyCollection<string> values) => values.ToArray();

    public override string ForUpdate => " FOR UPDATE";

    public override string ForShare => " FOR SHARE";

    /// <summary>Workers pass over a job another is claiming instead of queueing behind its lock.</summary>
    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <summary>
    /// Row locks cannot serialise the creates of one owner (each inserts a new row, and sums read many), so a
    /// transaction-scoped advisory lock on the owner's hash does: released by its commit or rollback. The
    /// two-key form keeps it apart from the schema lock's single key; a hash collision only makes two owners wait.
    /// </summary>
    public override string OwnerLock => "SELECT pg_advisory_xact_lock(1970, hashtext(@ownerId));";

    public override string? StoreText(string? value) => NulText.Escape(value);

    public override string? ReadText(string? value) => NulText.Unescape(value);
}
