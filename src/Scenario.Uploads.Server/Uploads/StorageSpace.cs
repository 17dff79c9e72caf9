using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// Refuses an upload that cannot fit on local disk at create, rather than after the user sent most of it.
/// Upload files are sparse, so pending uploads do not reserve their space: this is a best effort, and the
/// free space is read at most once a second (the reading cost more than the rest of a create's checks).
/// </summary>
public sealed class StorageSpace(IOptions<UploadsOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
{
    private static readonly TimeSpan ReadingLifetime = TimeSpan.FromSeconds(1);

    private readonly bool _local = string.Equals(storage.Value.Provider, "Local", StringComparison.OrdinalIgnoreCase);
    private readonly string _directory = Path.GetFullPath(options.Value.DataDirectory);
    private Reading? _reading;

    public bool HasRoomFor(long bytes, out long available)
    {
        available = long.MaxValue;
        if (!_local)
        {
            return true;
        }
        var now = time.GetTimestamp();
        var reading = _reading;
        if (reading is null || time.GetElapsedTime(reading.ReadAt, now) >= ReadingLifetime)
        {
            reading = new Reading(new DriveInfo(_directory).AvailableFreeSpace, now);
            _reading = reading;
        }
        available = reading.Available;
        return bytes <= available;
    }

    private sealed record Reading(long Available, long ReadAt);
}
