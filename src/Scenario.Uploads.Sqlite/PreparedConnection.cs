using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Scenario.Uploads.Persistence.Sql;

namespace Scenario.Uploads.Sqlite;

/// <summary>
/// The batch writer's connection, on which every statement stays prepared for the life of the connection:
/// Microsoft.Data.Sqlite keeps a prepared statement only as long as its command object, and Dapper makes and
/// disposes a command per call, so each command made here runs on one kept per SQL text instead. The shared
/// repositories' SQL, through Dapper, then costs SQLite no parse per write. For one connection used by one
/// loop at a time (the batch writer's), never shared.
/// </summary>
internal sealed class PreparedConnection(string connectionString) : SqliteConnection(connectionString)
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    protected override DbCommand CreateDbCommand() => new KeptCommand(this);

    private SqliteCommand Kept(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = CreateCommand();
            command.CommandText = sql;
            _prepared.Add(sql, command);
        }
        return command;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }
            _prepared.Clear();
        }
        base.Dispose(disposing);
    }

    /// <summary>What Dapper fills (text, transaction, parameters), run on the connection's kept command for its text.</summary>
    private sealed class KeptCommand(PreparedConnection connection) : DbCommand, IKeptStatement
    {
        private bool _valuesSet;

        // A command of no connection, only to hold the parameters Dapper adds until they are bound.
        private readonly SqliteCommand _holder = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override UpdateRowSource UpdatedRowSource { get; set; }

        public override bool DesignTimeVisible { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (value != connection)
                {
                    throw new NotSupportedException("A kept command runs only on the connection that made it.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => _holder.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        public bool TrySetValues(IReadOnlyList<string> names, object?[] values)
        {
            var kept = connection.Kept(CommandText).Parameters;
            if (kept.Count != names.Count)
            {
                return false;
            }
            for (var i = 0; i < names.Count; i++)
            {
                if (!string.Equals(kept[i].ParameterName, names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }
            for (var i = 0; i < values.Length; i++)
            {
                kept[i].Value = values[i] ?? DBNull.Value;
            }
            _valuesSet = true;
            return true;
        }

        public override int ExecuteNonQuery() => Bind().ExecuteNonQuery();

        public override object? ExecuteScalar() => Bind().ExecuteScalar();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Bind().ExecuteReader(behavior);

        private SqliteCommand Bind()
        {
            if (CommandType != CommandType.Text)
            {
                throw new NotSupportedException("A kept command runs SQL text only.");
            }
            var command = connection.Kept(CommandText);
            command.Transaction = (SqliteTransaction?)DbTransaction;
            command.CommandTimeout = CommandTimeout;
            if (_valuesSet)
            {
                return command;
            }
            command.Parameters.Clear();
            for (var i = 0; i < _holder.Parameters.Count; i++)
            {
                command.Parameters.Add(_holder.Parameters[i]);
            }
            return command;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _holder.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
