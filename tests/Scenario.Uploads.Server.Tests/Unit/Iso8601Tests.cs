using Scenario.Uploads.Server.Wire;
using System.Globalization;
using Scenario.Uploads.Server.Http;
using Xunit;

namespace Scenario.Uploads.Server.Tests.Unit;

public sealed class Iso8601Tests
{
    [Theory]
    [InlineData("2026-11-22T10:15:30.1239999+00:00", "2026-11-22T10:15:30.123Z")]
    [InlineData("2026-01-02T03:04:05.0000000+00:00", "2026-01-02T03:04:05.000Z")]
    [InlineData("2026-11-22T23:59:59.9990000-05:30", "2026-11-23T05:29:59.999Z")]
    [InlineData("0001-01-01T00:00:00.0000000+00:00", "0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00", "9999-12-31T23:59:59.999Z")]
    public void Formats_UTC_with_truncated_milliseconds(string input, string expected)
    {
        var value = DateTimeOffset.Parse(input, CultureInfo.InvariantCulture);

        Assert.Equal(expected, Iso8601.Format(value));
        // The same text the general custom-pattern formatter gives, which this replaces.
        Assert.Equal(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Iso8601.Format(value));
    }
}
