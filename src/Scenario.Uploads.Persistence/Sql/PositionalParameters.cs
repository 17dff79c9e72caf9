using System.Data;
using Dapper;

namespace Scenario.Uploads.Persistence.Sql;

/// <summary>
/// A row's values for one statement, in the order of its parameter names, made before the write is queued.
/// A command that keeps its statement bound (<see cref="IKeptStatement"/>: SQLite's group commit, where writes
/// run one after the other) only takes the new values; any other gets a parameter per name, as Dapper makes them.
/// </summary>
public sealed class PositionalParameters(IReadOnlyList<string> names, object?[] values) : SqlMapper.IDynamicParameters
{
    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        if (command is IKeptStatement kept && kept.TrySetValues(names, values))
        {
            return;
        }
        for (var i = 0; i < names.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}

/// <summary>A command whose statement stays prepared with its parameters bound between runs.</summary>
public interface IKeptStatement
{
    /// <summary>
    /// Gives the kept parameters these values, by position; false (nothing set) unless the statement's bound
    /// parameters are exactly <paramref name="names"/>, in that order.
    /// </summary>
    bool TrySetValues(IReadOnlyList<string> names, object?[] values);
}
