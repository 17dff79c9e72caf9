using System.Net.Sockets;
using Npgsql;
using Scenario.Uploads.Backends;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// PostgreSQL's passing failures: the server restarting or refusing connections, a broken or refused socket,
/// a command or a pool wait past <c>Database:Timeout</c>. A constraint violation or bad SQL is not one: that
/// stays a bug to see.
/// </summary>
public sealed class PostgresFaults : IBackendFaultClassifier
{
    public BackendFault? Classify(Exception error) => error switch
    {
        PostgresException postgres => OfState(postgres.SqlState),
        NpgsqlException { InnerException: TimeoutException } => Fault(BackendFaultKinds.Timeout),
        NpgsqlException npgsql when npgsql.IsTransient => Fault(BackendFaultKinds.Unreachable),
        // The connection broke under a command (the server was stopped): Npgsql's own words for it.
        NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException } => Fault(BackendFaultKinds.Unreachable),
        _ => null,
    };

    private static BackendFault? OfState(string state) => state switch
    {
        // admin_shutdown, crash_shutdown, cannot_connect_now: stopping or starting.
        "57P01" or "57P02" or "57P03" => Fault(BackendFaultKinds.Restarting),
        // too_many_connections, out_of_memory, configuration_limit_exceeded; serialization and deadlock losers.
        "53300" or "53200" or "53400" or "40001" or "40P01" => Fault(BackendFaultKinds.Busy),
        // statement_timeout and lock_timeout, as the server enforces them.
        "57014" or "55P03" => Fault(BackendFaultKinds.Timeout),
        _ when state.StartsWith("08", StringComparison.Ordinal) => Fault(BackendFaultKinds.Unreachable),
        _ => null,
    };

    private static BackendFault Fault(string kind) => new(BackendNames.Database, kind);
}
