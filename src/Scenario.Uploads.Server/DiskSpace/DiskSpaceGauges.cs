using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.DiskSpace;

/// <summary>The data directory's disk as the operator watches it fill: what uploads may still take, and the reserve's ballast.</summary>
internal static class DiskSpaceGauges
{
    public static void Register(UploadsMetrics metrics, DiskReserve reserve)
    {
        metrics.Meter.CreateObservableGauge("scenario.uploads.storage.available", () => Math.Max(0, reserve.AvailableForUploads(reserve.FreeSpace())), "By",
            "Bytes of the data directory's disk that parts and imports may still take: its free space beyond Storage:ReservedSpace.");
        metrics.Meter.CreateObservableGauge("scenario.uploads.storage.reserve_file", () => reserve.Held, "By",
            "Bytes the reserve's ballast file holds: half of Storage:ReservedSpace, or 0 once given up on a full disk.");
    }
}
