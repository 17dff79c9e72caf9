namespace Scenario.Uploads.Persistence.Rows;

/// <summary>Times as the schemas keep them: Unix milliseconds (UTC), in a 64-bit integer column.</summary>
internal static class UnixTime
{
    public static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? At(long? ms) => ms is { } value ? At(value) : null;
}
