namespace Scenario.Cli.Profiles;

/// <summary>
/// The API secret from a file or standard input: anything typed on the command line is visible to other users in
/// <c>ps</c> and stays in the shell history, so these are the ways to pass it that leave no trace.
/// </summary>
public static class SecretSources
{
    /// <summary>The first line of <paramref name="path"/>, trimmed.</summary>
    public static string FromFile(string path)
    {
        try
        {
            return FirstLine(File.ReadAllText(path), $"--api-secret-file {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"Cannot read --api-secret-file '{path}': {e.Message}");
        }
    }

    /// <summary>The first line of standard input, trimmed.</summary>
    public static string FromStdin(CliContext context)
    {
        using var reader = new StreamReader(context.OpenStandardInput(), leaveOpen: true);
        return FirstLine(reader.ReadLine() ?? "", "--api-secret-stdin");
    }

    private static string FirstLine(string text, string source)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : throw new CliInputException($"{source} gave an empty API secret.");
    }
}
