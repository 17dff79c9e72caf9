using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// SQLite's SQL: Dapper expands a list into <c>IN (@p1, @p2, …)</c>, and there are no row locks: a write
/// transaction is IMMEDIATE and holds the whole database (<see cref="SqliteDatabase.WriteAsync{T}"/>).
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    public override string IsIn(string column, string parameter) => $"{column} IN {parameter}";

    public override object ListValue(IReadOnlyCollection<string> values) => values;
}
