using Scenario.Uploads.RateLimits;

namespace Scenario.Uploads.Server.RateLimits;

/// <summary>
/// Windows cut from the Unix epoch, not from each instance's first request, so that all instances (whose
/// clocks agree, as NTP keeps them) lease from the same row of the ledger.
/// </summary>
internal static class SharedWindows
{
    public static SharedWindow At(DateTimeOffset now, TimeSpan length, string policy, string ownerId)
    {
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = DateTimeOffset.UnixEpoch.AddTicks(ticks - ticks % length.Ticks);
        return new SharedWindow(policy, ownerId, start, start + length);
    }
}
