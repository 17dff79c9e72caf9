using System.Text;

namespace Scenario.Uploads.Postgres;

/// <summary>
/// PostgreSQL text cannot hold U+0000, which a client-given original file name may contain and must get
/// back unchanged: such columns keep a reversible escape (<c>\</c> → <c>\\</c>, U+0000 → <c>\0</c>).
/// </summary>
internal static class NulText
{
    public static string? Escape(string? value) =>
        value is null || (!value.Contains('\0') && !value.Contains('\\'))
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);

    public static string? Unescape(string? value)
    {
        if (value is null || !value.Contains('\\'))
        {
            return value;
        }
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] == '0' ? '\0' : value[i]);
            }
            else
            {
                text.Append(value[i]);
            }
        }
        return text.ToString();
    }
}
