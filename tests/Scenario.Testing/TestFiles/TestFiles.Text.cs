namespace Scenario.Testing;

public static partial class TestFiles
{
    /// <summary>A short Markdown note with a heading, emphasis, a table and a non-ASCII character.</summary>
    public static byte[] Markdown() => Utf8("""
        # Release notes

        A *Markdown* file with a table — and an accent: café.

        | kind | becomes |
        |------|---------|
        | text | asset   |

        """.ReplaceLineEndings("\n"));
}
