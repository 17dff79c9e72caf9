using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Uploads;

/// <summary>
/// Refuses an upload that cannot fit on local disk at create, rather than after the user sent most of it: the
/// file must fit in the free space beyond the reserve (<see cref="DiskReserve"/>). Upload files are sparse, so
/// pending uploads do not reserve their space: this is a best effort (each part's write is checked again),
/// and the free space is read at most once a second (the reading cost more than the rest of a create's checks).
/// </summary>
public sealed class StorageSpace(DiskReserve reserve, IOptions<StorageOptions> storage, TimeProvider time)
{
    private static readonly TimeSpan ReadingLifetime = TimeSpan.FromSeconds(1);

    private readonly bool _local = !StorageOptionsValidator.IsS3(storage.Value);
    private Reading? _reading;

    /// <summary>Whether <paramref name="bytes"/> fit beyond the reserve; <paramref name="available"/> is how many do (<see cref="long.MaxValue"/> on S3).</summary>
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
            reading = new Reading(reserve.FreeSpace(), now);
            _reading = reading;
        }
        available = Math.Max(0, reserve.AvailableForUploads(reading.Free));
        return bytes <= available;
    }

    /// <summary>The reserve, as the readiness check describes it.</summary>
    public DiskReserve Reserve => reserve;

    private sealed record Reading(long Free, long ReadAt);
}
