using Microsoft.Extensions.Options;
using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// This instance's side of the limits that instances sharing a database count together: leases through the
/// ledger, bounded by <c>RateLimits:DatabaseTimeout</c>, and the number of instances alive
/// (<see cref="InstanceHeartbeatService"/>). A lease that fails or is late never fails the request: the limiters
/// then allow <see cref="LocalShare"/> until the next heartbeat, and one line is logged per outage.
/// </summary>
public sealed partial class SharedRateLimits(
    IRateLimitLedger? ledger, IOptions<RateLimitsOptions> options, TimeProvider time, ILogger<SharedRateLimits> logger)
{
    private int _liveInstances = 1;
    private long _fallbackUntil = long.MinValue;
    private int _outage;

    /// <summary>False on SQLite: one instance, whose limits stay in its memory.</summary>
    public bool IsShared => ledger is not null;

    /// <summary>Names this process in <c>service_instances</c>: host and process, then a random part for restarts.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public int LiveInstances => Volatile.Read(ref _liveInstances);

    public TimeProvider Time => time;

    /// <summary>While the database does not answer: the limits are each instance's share of them.</summary>
    public bool IsFallingBack => time.GetTimestamp() < Interlocked.Read(ref _fallbackUntil);

    /// <summary>This instance's part of <paramref name="limit"/>, rounded up: the instances together may pass it by fewer than their number.</summary>
    public int LocalShare(int limit) => (int)Math.Ceiling(limit / (double)LiveInstances);

    /// <summary>Up to <paramref name="wanted"/> permits of <paramref name="window"/>, or null when the database did not answer in time.</summary>
    public async Task<RateLimitGrant?> TakeAsync(SharedWindow window, int wanted, int limit, CancellationToken cancellationToken)
    {
        if (ledger is null)
        {
            throw new InvalidOperationException("No ledger: the limits are not shared on this database.");
        }
        try
        {
            var grant = await Bounded(ledger.TakeAsync(window, wanted, limit, cancellationToken), options.Value.DatabaseTimeout, cancellationToken);
            Recovered();
            return grant;
        }
        // Any failure, not only the database's known ones: a rate limit must never turn a request into a 500.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            FallBack(e);
            return null;
        }
    }

    /// <summary>
    /// <paramref name="work"/>, given up after <paramref name="timeout"/> whether or not it heeds cancellation: a
    /// connection to a server that accepts and never answers ignores it until the client's own connect timeout.
    /// What it does later is not waited for, and its failure is observed here.
    /// </summary>
    internal static async Task<T> Bounded<T>(Task<T> work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Bounded((Task)work, timeout, cancellationToken);
        return await work;
    }

    /// <inheritdoc cref="Bounded{T}"/>
    internal static async Task Bounded(Task work, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await work.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception) when (!work.IsCompleted)
        {
            _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    internal void Counted(int liveInstances)
    {
        Volatile.Write(ref _liveInstances, Math.Max(1, liveInstances));
        Recovered();
    }

    internal void FallBack(Exception cause)
    {
        Interlocked.Exchange(ref _fallbackUntil, time.GetTimestamp() + (long)(options.Value.InstanceHeartbeat.TotalSeconds * time.TimestampFrequency));
        if (Interlocked.Exchange(ref _outage, 1) == 0)
        {
            LogFallBack(logger, LiveInstances, cause.GetType().Name, cause.Message);
        }
    }

    private void Recovered()
    {
        Interlocked.Exchange(ref _fallbackUntil, long.MinValue);
        if (Interlocked.Exchange(ref _outage, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    [LoggerMessage(EventId = 40, EventName = "RateLimitsLocal", Level = LogLevel.Warning,
        Message = "Rate limits: the database did not answer ({Kind}: {Reason}); each limit is now this instance's share of it (1/{Instances}) until it does.")]
    private static partial void LogFallBack(ILogger logger, int instances, string kind, string reason);

    [LoggerMessage(EventId = 41, EventName = "RateLimitsShared", Level = LogLevel.Information,
        Message = "Rate limits: the database answers again; the limits are counted across instances again.")]
    private static partial void LogRecovered(ILogger logger);
}
