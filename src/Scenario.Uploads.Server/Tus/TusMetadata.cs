using System.Text;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// tus 1.0's <c>Upload-Metadata</c>: comma-separated <c>key base64(value)</c> pairs, keys unique, non-empty and
/// without spaces or commas, a value that may be empty (then the space may go too). Values are read as UTF-8,
/// which is what every tus client encodes before Base64.
/// </summary>
public static class TusMetadata
{
    public const string Header = "Upload-Metadata";

    /// <summary>The pairs of <paramref name="header"/>, or the reason it is not valid tus metadata.</summary>
    public static (IReadOnlyDictionary<string, string>? Values, string? Error) Parse(string? header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return (values, null);
        }
        foreach (var pair in header.Split(','))
        {
            var trimmed = pair.Trim();
            var space = trimmed.IndexOf(' ');
            var key = space < 0 ? trimmed : trimmed[..space];
            var encoded = space < 0 ? "" : trimmed[(space + 1)..].Trim();
            if (key.Length == 0 || !key.All(c => c is > ' ' and < (char)127))
            {
                return (null, $"{Header} has a pair whose key is empty or not printable ASCII: '{Shorten(trimmed)}'. Send 'key base64(value)' pairs separated by commas.");
            }
            if (!TryDecode(encoded, out var value))
            {
                return (null, $"{Header}'s value for '{key}' is not Base64-encoded UTF-8. Encode each value with Base64.");
            }
            if (!values.TryAdd(key, value))
            {
                return (null, $"{Header} names '{key}' twice; every key must be unique.");
            }
        }
        return (values, null);
    }

    private static bool TryDecode(string encoded, out string value)
    {
        value = "";
        if (encoded.Length == 0)
        {
            return true;
        }
        var bytes = new byte[encoded.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return false;
        }
        try
        {
            value = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
