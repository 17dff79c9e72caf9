namespace Scenario.Uploads.Backends;

/// <summary>
/// A backend the service depends on failed in a way a client can wait out: the database or the store is
/// unreachable, restarting, too slow or throttling. Never the client's mistake, and never a bug of ours.
/// </summary>
/// <param name="Backend"><see cref="BackendNames.Database"/> or <see cref="BackendNames.Storage"/>.</param>
/// <param name="Kind">What went wrong, one of <see cref="BackendFaultKinds"/>: a metric label, so a short fixed set.</param>
public sealed record BackendFault(string Backend, string Kind);

/// <summary>The backends whose outages the service rides out.</summary>
public static class BackendNames
{
    public const string Database = "database";
    public const string Storage = "storage";
}

/// <summary>The kinds of <see cref="BackendFault"/>.</summary>
public static class BackendFaultKinds
{
    /// <summary>No connection could be made, or the one in use broke (refused, reset, closed).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The backend is shutting down or starting up (PostgreSQL's 57P01, 57P03).</summary>
    public const string Restarting = "restarting";

    /// <summary>No answer within the configured time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The backend asked us to slow down or is overloaded (S3 503 SlowDown, too many connections, SQLite busy).</summary>
    public const string Busy = "busy";

    /// <summary>The backend answered with an error of its own (an S3 5xx, an I/O error under SQLite).</summary>
    public const string Failed = "failed";
}
