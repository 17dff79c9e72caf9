using Microsoft.Net.Http.Headers;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// The content types we accept and later serve as a download's Content-Type: a media type per RFC 9110,
/// <c>type/subtype</c> (two tokens) and optional <c>; name=value</c> parameters (a token or quoted-string value),
/// in printable ASCII. Anything else once reached the response header and made every download of it a 500.
/// </summary>
public static class MediaTypes
{
    public const int MaxLength = 255;

    public const string Example = "image/png or text/plain; charset=utf-8";

    /// <summary>What a download may be served as: the stored type when valid (rows made before this rule may not be).</summary>
    public static string Servable(string? value) => IsValid(value) ? value! : "application/octet-stream";

    public static bool IsValid(string? value)
    {
        // ASCII only and no control characters (a tab included): a response header cannot carry the rest.
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.AsSpan().ContainsAnyExceptInRange(' ', '~')
            || value[0] == ' ' || value[^1] == ' ')
        {
            return false;
        }
        // The parser checks the tokens and the quoted strings, but allows what RFC 9110 does not: spaces around
        // the slash ("text / plain") and a parameter without a value ("text/plain; charset").
        return MediaTypeHeaderValue.TryParse(value, out var parsed)
            && value.AsSpan().StartsWith(parsed.MediaType.AsSpan(), StringComparison.Ordinal)
            && parsed.Parameters.All(p => p.Value.Length > 0);
    }
}
