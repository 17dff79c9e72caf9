namespace Scenario.Uploads.Validation;

/// <summary>How a zip entry's name is judged: paths that could escape an extraction folder, and packaging junk.</summary>
internal static class ZipEntryNames
{
    private const int MaxShownLength = 120;

    /// <summary>
    /// A name that would land outside the folder it is extracted to (zip slip), or that tools read differently:
    /// a <c>..</c> segment, an absolute path, a backslash (a separator on Windows), a drive letter or a NUL.
    /// </summary>
    public static bool IsUnsafe(string name) =>
        name.Length == 0
        || name[0] == '/'
        || name.Contains('\\')
        || name.Contains('\0')
        || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        || name.Split('/').Contains("..");

    /// <summary>Folders, and what macOS's Archive Utility adds (__MACOSX/ resource forks, .DS_Store), are ignored.</summary>
    public static bool IsJunk(string name, long length) =>
        (name.EndsWith('/') && length == 0)
        || name.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || name.Split('/')[^1] == ".DS_Store";

    /// <summary>The name as a message may quote it: control characters replaced, long names cut.</summary>
    public static string Shown(string name)
    {
        var printable = string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));
        return printable.Length <= MaxShownLength ? printable : printable[..MaxShownLength] + "…";
    }
}
