namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// The <c>RateLimits</c> section: how many API requests one owner may make per window (on all instances
/// together when they share a PostgreSQL database), and how many failed authentications one client address may
/// make on one instance. The defaults only stop runaway loops: a normal client, the test suite or a pipeline
/// never meets them.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off: no limit here applies (the benchmark measures the ceiling these keep clients below).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>POST /v1/uploads</c>, per owner.</summary>
    public RateLimitWindow Create { get; set; } = new() { PermitLimit = 30_000 };

    /// <summary><c>POST /v1/uploads/{id}/action</c>, per owner.</summary>
    public RateLimitWindow Action { get; set; } = new() { PermitLimit = 30_000 };

    /// <summary>List and retrieve (uploads, assets, models, jobs), per owner: clients poll these.</summary>
    public RateLimitWindow Read { get; set; } = new() { PermitLimit = 120_000 };

    /// <summary>
    /// Wrong or malformed credentials, per client address: past the limit, every request of that address whose
    /// credentials are not already verified gets 429 until the window ends, so guessing slows to a crawl.
    /// Its queue is never used (a failure is counted, not waited for).
    /// </summary>
    public RateLimitWindow FailedAuth { get; set; } = new() { PermitLimit = 100 };

    /// <summary>
    /// On a shared database: how often each instance records that it is alive. One not seen for three of these
    /// no longer counts, so the others' shares of the limits grow when it dies.
    /// </summary>
    public TimeSpan InstanceHeartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On a shared database: how long leasing permits may take. Past it, or when the database fails, this
    /// instance allows its share of each limit (the limit divided by the instances alive) until the next
    /// heartbeat, rather than refusing requests or holding them.
    /// </summary>
    public TimeSpan DatabaseTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>A fixed window: <see cref="PermitLimit"/> requests per <see cref="Window"/>, then 429 with Retry-After.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests past the limit that wait for the next window instead of a 429 (oldest first).</summary>
    public int QueueLimit { get; set; }
}
