using Microsoft.Extensions.Options;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Services;

/// <summary>
/// Refuses an upload that cannot fit on local disk at create, rather than after the user sent most of it.
/// Upload files are sparse, so pending uploads do not reserve their space: this is a best effort.
/// </summary>
public sealed class StorageSpace(IOptions<UploadsOptions> options, IOptions<StorageOptions> storage)
{
    public bool HasRoomFor(long bytes, out long available)
    {
        available = long.MaxValue;
        if (!string.Equals(storage.Value.Provider, "Local", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        available = new DriveInfo(Path.GetFullPath(options.Value.DataDirectory)).AvailableFreeSpace;
        return bytes <= available;
    }
}
