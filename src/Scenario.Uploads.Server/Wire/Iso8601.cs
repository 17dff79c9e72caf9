namespace Scenario.Uploads.Server.Wire;

/// <summary>Timestamps on the wire: ISO-8601 UTC with milliseconds, e.g. <c>2026-11-22T10:15:30.123Z</c>.</summary>
public static class Iso8601
{
    // "O" of a UTC DateTime is yyyy-MM-ddTHH:mm:ss.fffffffZ and has a hand-tuned formatter; a custom
    // pattern goes through the general one, which is slow, and a part list has a date for each part.
    private const int MillisecondsEnd = 23;

    public static string Format(DateTimeOffset value)
    {
        Span<char> text = stackalloc char[28];
        value.UtcDateTime.TryFormat(text, out _, "O");
        text[MillisecondsEnd] = 'Z';
        return new string(text[..(MillisecondsEnd + 1)]);
    }
}
