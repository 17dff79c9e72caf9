using System.Text;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// Reduces a client's file name to a safe base name: no directories (either slash), no control or
/// bidi-override characters, no leading dots, at most 255 UTF-8 bytes. The original is kept apart.
/// </summary>
public static class FileNames
{
    private const int MaxBytes = 255;

    public static string? Sanitize(string name)
    {
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var baseName = name[(lastSeparator + 1)..];
        var builder = new StringBuilder(baseName.Length);
        foreach (var rune in baseName.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || IsInvisibleFormatting(rune) || rune.Value is ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                continue;
            }
            builder.Append(rune.ToString());
        }
        var cleaned = builder.ToString().Trim().TrimStart('.').Trim();
        if (cleaned.Length == 0)
        {
            return null;
        }
        while (Encoding.UTF8.GetByteCount(cleaned) > MaxBytes)
        {
            // Never cut a surrogate pair in half.
            cleaned = cleaned[..^(char.IsLowSurrogate(cleaned[^1]) && cleaned.Length > 1 ? 2 : 1)];
        }
        return cleaned;
    }

    // Bidi overrides and zero-width characters let a name display as something it is not ("gpj.exe").
    private static bool IsInvisibleFormatting(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format;
}
