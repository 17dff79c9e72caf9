using System.Text.RegularExpressions;

namespace Scenario.Cli;

/// <summary>Quotes words for a POSIX shell, so a printed command runs as printed whatever the path holds.</summary>
public static partial class Shell
{
    /// <summary>The word as is when it needs no quoting, else in single quotes (a quote inside becomes <c>'\''</c>).</summary>
    public static string Quote(string word) =>
        word.Length > 0 && Safe().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:@%+=,-]+$")]
    private static partial Regex Safe();
}
