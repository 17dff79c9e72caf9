namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// The items of RFC 8941 (Structured Field Values) that the resumable-upload draft's headers use: a boolean
/// (<c>Upload-Complete: ?1</c>), a non-negative integer (<c>Upload-Offset</c>, <c>Upload-Length</c>,
/// <c>Upload-Draft-Interop-Version</c>) and a dictionary of integers written out (<c>Upload-Limit</c>).
/// Parameters on an item are allowed by the RFC and ignored here, as the draft defines none.
/// </summary>
public static class StructuredFields
{
    /// <summary>RFC 8941 §3.3.1: an integer has at most 15 digits.</summary>
    private const int MaxIntegerDigits = 15;

    public static bool TryParseBoolean(string? value, out bool result)
    {
        result = false;
        var item = BareItem(value);
        if (item is "?1" or "?0")
        {
            result = item == "?1";
            return true;
        }
        return false;
    }

    /// <summary>A non-negative sf-integer; a sign, a fraction or more than 15 digits is not one.</summary>
    public static bool TryParseNonNegativeInteger(string? value, out long result)
    {
        result = 0;
        var item = BareItem(value);
        if (item.Length is 0 or > MaxIntegerDigits || !item.All(char.IsAsciiDigit))
        {
            return false;
        }
        result = long.Parse(item, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public static string Boolean(bool value) => value ? "?1" : "?0";

    /// <summary>A dictionary of integer members, in the order given: <c>max-size=100, min-append-size=1</c>.</summary>
    public static string Dictionary(IEnumerable<KeyValuePair<string, long>> members) =>
        string.Join(", ", members.Select(m => $"{m.Key}={m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>The item without surrounding spaces and without its parameters.</summary>
    private static string BareItem(string? value)
    {
        var trimmed = (value ?? "").Trim(' ', '\t');
        var parameters = trimmed.IndexOf(';');
        return parameters < 0 ? trimmed : trimmed[..parameters].TrimEnd(' ', '\t');
    }
}
