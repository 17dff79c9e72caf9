using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Backends;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// Holds a job's lease while it runs: renews it every third of its duration and carries the latest
/// progress. If a renewal finds the job taken by someone else, <see cref="Token"/> is cancelled.
/// </summary>
public sealed class JobLease : IAsyncDisposable, IProgress<double>
{
    private readonly IJobQueue _queue;
    private readonly string _jobId;
    private readonly string _workerId;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly BackendFaults _faults;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancellation;
    private readonly Task _renewals;
    private double _progress;

    public JobLease(IJobQueue queue, string jobId, string workerId, TimeSpan duration, TimeProvider time, BackendFaults faults, ILogger logger,
        CancellationToken stoppingToken)
    {
        (_queue, _jobId, _workerId, _duration, _time, _faults, _logger) = (queue, jobId, workerId, duration, time, faults, logger);
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _renewals = RenewAsync();
    }

    public CancellationToken Token => _cancellation.Token;

    public bool Lost { get; private set; }

    public void Report(double value) => Volatile.Write(ref _progress, Math.Clamp(value, 0, 1));

    public void ThrowIfLost()
    {
        if (Lost)
        {
            throw new LeaseLostException();
        }
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_duration / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_cancellation.Token))
            {
                try
                {
                    var now = _time.GetUtcNow();
                    var held = await _queue.HeartbeatAsync(_jobId, _workerId, now + _duration, Volatile.Read(ref _progress), now, _cancellation.Token);
                    if (!held)
                    {
                        Lost = true;
                        await _cancellation.CancelAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not fatal by itself: the lease still runs until it expires, and the next tick tries again. A
                    // database that is down is logged once, by BackendFaults.
                    if (_faults.Observe(e) is null)
                    {
                        _logger.LogWarning(e, "Could not renew the lease on job {JobId}.", _jobId);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        await _renewals;
        _cancellation.Dispose();
    }
}

/// <summary>Another worker holds the job now: stop without touching it.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("The job's lease was lost.")
    {
    }
}
