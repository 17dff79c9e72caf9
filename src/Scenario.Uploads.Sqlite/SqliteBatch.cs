using Microsoft.Data.Sqlite;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// The connection and transaction a batched write runs in, with its statements prepared once for the life of
/// the connection: Microsoft.Data.Sqlite keeps a prepared statement only as long as its command object.
/// </summary>
public sealed class SqliteBatch : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    private SqliteBatch(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The batch's open transaction, for a query that must see what the batch wrote so far.</summary>
    internal SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("The batch has no open transaction.");


    internal static async Task<SqliteBatch> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return new SqliteBatch(connection);
    }

    internal SqliteTransaction Begin()
    {
        _transaction = Connection.BeginTransaction(deferred: false);
        return _transaction;
    }

    /// <summary>
    /// A command for <paramref name="sql"/> in this batch's transaction, prepared on first use and kept;
    /// its parameters are added by the first caller and only given new values after that.
    /// </summary>
    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Transaction = _transaction ?? throw new InvalidOperationException("The batch has no open transaction.");
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> with parameters bound by position to <paramref name="names"/>.</summary>
    public int Execute(string sql, IReadOnlyList<string> names, IReadOnlyList<object?> values)
    {
        var command = Command(sql);
        var parameters = command.Parameters;
        if (parameters.Count == 0)
        {
            for (var i = 0; i < names.Count; i++)
            {
                parameters.Add(new SqliteParameter(names[i], values[i] ?? DBNull.Value));
            }
        }
        else
        {
            for (var i = 0; i < names.Count; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        Connection.Dispose();
    }
}
