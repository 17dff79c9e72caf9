using System.Globalization;

namespace Scenario.Uploads.Server.Http;

/// <summary>Timestamps on the wire: ISO-8601 UTC with milliseconds, e.g. <c>2026-11-22T10:15:30.123Z</c>.</summary>
public static class Iso8601
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
