using System.Text;

namespace Scenario.Uploads.Model;

/// <summary>
/// Reduces a client's file name to a safe base name: no directories (either slash), no control or
/// bidi-override characters, no leading dots, at most 255 UTF-8 bytes. The original is kept apart.
/// </summary>
public static class FileNames
{
    /// <summary>
    /// The longest <c>fileName</c> a create accepts, in UTF-8 bytes: ext4, XFS, Btrfs and ZFS allow 255 bytes for
    /// a name (NTFS and APFS 255 characters, never fewer bytes), so no file a client could have read is longer,
    /// and the original name, which is kept and echoed in every answer, stays bounded.
    /// </summary>
    public const int MaxBytes = 255;

    public static bool IsTooLong(string name) => Encoding.UTF8.GetByteCount(name) > MaxBytes;

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
