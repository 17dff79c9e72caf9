using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.DiskSpace;

/// <summary>
/// Looks at the data directory's disk once a second: gives up the reserve's ballast file when the disk is full
/// and makes it again once the whole reserve is free, so the service recovers with no operator action. Logs one
/// line when the disk fills and one when space is back, whoever gave the file up (this loop, or a database write
/// that failed for want of space).
/// </summary>
internal sealed class DiskReserveKeeper : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly DiskReserve _reserve;
    private readonly TimeProvider _time;
    private readonly ILogger<DiskReserveKeeper> _logger;

    public DiskReserveKeeper(DiskReserve reserve, UploadsMetrics metrics, TimeProvider time, ILogger<DiskReserveKeeper> logger)
    {
        (_reserve, _time, _logger) = (reserve, time, logger);
        // Made with the keeper, a hosted service, so the gauges exist from the start.
        DiskSpaceGauges.Register(metrics, reserve);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_reserve.BallastSize == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, _time);
        var held = Start();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                held = Look(held);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private bool Start()
    {
        Maintain();
        if (_reserve.Held == 0)
        {
            _logger.LogWarning(
                "The disk of {Folder} has less than Storage:ReservedSpace ({Size} bytes) free: the reserve's ballast file is not held, "
                + "and creates, parts and imports are refused until more is free. Free space, or lower Storage:ReservedSpace on a small disk.", _reserve.Folder, _reserve.Size);
        }
        return _reserve.Held > 0;
    }

    private ReserveChange Maintain()
    {
        try
        {
            return _reserve.Maintain();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not measure the free space of {Folder}; the next look is in a second.", _reserve.Folder);
            return ReserveChange.None;
        }
    }

    private bool Look(bool wasHeld)
    {
        var change = Maintain();
        var held = _reserve.Held > 0;
        if (change == ReserveChange.Missing)
        {
            _logger.LogWarning("The reserve's ballast file {File} was deleted by someone else; it is made again once Storage:ReservedSpace ({Size} bytes) is free.",
                _reserve.BallastPath, _reserve.Size);
        }
        else if (wasHeld && !held)
        {
            _logger.LogError(
                "The disk of {Folder} is full ({Free} bytes free): the reserve's ballast file {File} ({Size} bytes) was given up so the database can still write. "
                + "Parts, imports and creates get 507 and /readyz says not ready until space is freed: abort or delete uploads, or free space on that disk.",
                _reserve.Folder, _reserve.FreeSpace(), _reserve.BallastPath, _reserve.BallastSize);
        }
        else if (!wasHeld && held)
        {
            _logger.LogInformation("Space is back on the disk of {Folder}: the reserve's ballast file ({Size} bytes) is held again.", _reserve.Folder, _reserve.BallastSize);
        }
        return held;
    }
}
