using Microsoft.Extensions.Options;
using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// On a shared database, records every <c>RateLimits:InstanceHeartbeat</c> that this instance is alive and
/// counts those that are (seen within three heartbeats), which sizes the leases of <see cref="SharedWindowLimiter"/>
/// and each instance's share while the database is away; it also deletes ended windows. The job worker's
/// heartbeat cannot serve: it lives in the process's memory. A clean stop removes this instance at once.
/// </summary>
public sealed class InstanceHeartbeatService(
    SharedRateLimits shared, IRateLimitLedger? ledger, IOptions<RateLimitsOptions> options, TimeProvider time) : BackgroundService
{
    private const int LiveForBeats = 3;

    // Gone for this long (a crash, no clean stop), a row is deleted; it stopped counting long before.
    private const int ForgetAfterBeats = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ledger is null || !options.Value.Enabled)
        {
            return;
        }
        var interval = options.Value.InstanceHeartbeat;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await BeatAsync(ledger, interval, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: a normal end.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ledger is not null && options.Value.Enabled)
        {
            try
            {
                await SharedRateLimits.Bounded(ledger.LeaveAsync(shared.InstanceId, cancellationToken), options.Value.DatabaseTimeout, cancellationToken);
            }
            catch (Exception)
            {
                // Best effort: the others stop counting this instance after three heartbeats anyway.
            }
        }
    }

    private async Task BeatAsync(IRateLimitLedger ledger, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var live = await SharedRateLimits.Bounded(
                ledger.BeatAsync(shared.InstanceId, now, now - interval * LiveForBeats, stoppingToken), interval, stoppingToken);
            shared.Counted(live);
            // A heartbeat's margin past a window's end: an instance whose clock is a little behind may still lease in it.
            await SharedRateLimits.Bounded(ledger.SweepAsync(now - interval, now - interval * ForgetAfterBeats, stoppingToken), interval, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            shared.FallBack(e);
        }
    }
}
