namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// Where the SQL of one database differs from the shared SQL of the repositories (as Quartz.NET's
/// per-database delegates override its StdAdoDelegate): list parameters, row locks and text escaping.
/// The defaults are SQLite's, which locks the whole database for a write transaction instead of rows.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The condition that <paramref name="column"/> is one of the list <paramref name="parameter"/> holds.</summary>
    public abstract string IsIn(string column, string parameter);

    /// <summary>The value to bind to a list parameter of <see cref="IsIn"/>.</summary>
    public abstract object ListValue(IReadOnlyCollection<string> values);

    /// <summary>Ends a SELECT of rows that the same transaction then changes: they stay as read until it ends.</summary>
    public virtual string ForUpdate => "";

    /// <summary>Ends a SELECT of rows that must not change until the statement's transaction ends, but may be shared.</summary>
    public virtual string ForShare => "";

    /// <summary>Ends the SELECT of a row to claim, passing over rows another transaction is claiming.</summary>
    public virtual string SkipLocked => "";

    /// <summary>
    /// A statement that makes the rest of the transaction the only one judging the quota of the owner bound as
    /// <c>@ownerId</c>, or "" where a write transaction already excludes every other (SQLite's).
    /// </summary>
    public virtual string OwnerLock => "";

    /// <summary>Free text as stored, for a database whose text cannot hold every character.</summary>
    public virtual string? StoreText(string? value) => value;

    /// <summary>The inverse of <see cref="StoreText"/>.</summary>
    public virtual string? ReadText(string? value) => value;
}
