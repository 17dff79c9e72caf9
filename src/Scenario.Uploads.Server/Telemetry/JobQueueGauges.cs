using System.Diagnostics.Metrics;
using Scenario.Uploads.Persistence;

namespace Scenario.Uploads.Server.Telemetry;

/// <summary>
/// The job queue's depth and the age of its oldest runnable job, as observable gauges: measured when a
/// scrape asks (one query, <see cref="IJobQueue.MeasureAsync"/>), shared by both gauges of that scrape.
/// With several instances on one PostgreSQL, every instance reports the same shared queue.
/// </summary>
public sealed class JobQueueGauges
{
    // Both gauges are read in the same collection, one after the other: one query serves both.
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly Lazy<IJobQueue> _queue;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueueGauges> _logger;
    private readonly Lock _gate = new();
    private (DateTimeOffset At, JobQueueDepth? Depth) _last;

    public JobQueueGauges(UploadsMetrics metrics, IServiceProvider services, TimeProvider time, ILogger<JobQueueGauges> logger)
    {
        // The gauges exist from the host's build, before the configuration is checked; the database (which
        // creates the data directory) only once a scrape asks, so a refused start leaves nothing behind.
        _queue = new Lazy<IJobQueue>(services.GetRequiredService<IJobQueue>);
        (_services, _time, _logger) = (services, time, logger);
        metrics.Meter.CreateObservableGauge("scenario.uploads.jobs.queued", ObserveDepth, "{job}",
            "Jobs waiting for a worker: runnable, not held by any worker.");
        metrics.Meter.CreateObservableGauge("scenario.uploads.jobs.oldest_age", ObserveOldestAge, "s",
            "How long the oldest waiting job has been claimable; 0 when none waits.");
    }

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        Measure() is { } depth ? [new Measurement<long>(depth.Runnable)] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (Measure() is not { } depth)
        {
            return [];
        }
        var age = depth.OldestRunnableSince is { } since ? Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    }

    private JobQueueDepth? Measure()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_last.Depth is not null && now - _last.At < Reuse)
            {
                return _last.Depth;
            }
        }
        try
        {
            // Gauge callbacks are synchronous (the exporter collects on the scrape's thread); the query is one
            // indexed read, bounded so a stuck database cannot hold the scrape for ever.
            using var timeout = new CancellationTokenSource(QueryTimeout);
            var depth = _queue.Value.MeasureAsync(now, timeout.Token).GetAwaiter().GetResult();
            lock (_gate)
            {
                _last = (now, depth);
            }
            return depth;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No value rather than a wrong one: the scrape goes on with every other metric.
            // A database that is down is logged once, by BackendFaults, not at every scrape.
            if (_services.GetRequiredService<Backends.BackendFaults>().Observe(e) is null)
            {
                _logger.LogWarning(e, "Could not measure the job queue for the metrics scrape.");
            }
            return null;
        }
    }
}
