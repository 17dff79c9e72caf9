using Scenario.Uploads.Backends;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Backends;

/// <summary>
/// While a backend is marked down, asks it every second whether it answers again, so that its return is
/// logged once, when it happens, whether or not any request or job touches it meanwhile.
/// </summary>
public sealed class BackendWatch(BackendFaults faults, IDatabase database, IBlobStore blobs, TimeProvider time, ILogger<BackendWatch> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var backend in faults.Down)
                {
                    if (await AnswersAsync(backend, stoppingToken))
                    {
                        faults.Recovered(backend);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> AnswersAsync(string backend, CancellationToken cancellationToken)
    {
        try
        {
            return backend == BackendNames.Database
                ? await database.IsReachableAsync(cancellationToken)
                : await blobs.IsReachableAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(e, "The {Backend} does not answer yet.", backend);
            return false;
        }
    }
}
