namespace Scenario.Cli;

/// <summary>Checks the file to upload before anything is sent, so bad input costs no request.</summary>
public static class FileChecks
{
    /// <summary>Returns the size of a readable, non-empty regular file, or throws a <see cref="CliInputException"/> saying what is wrong.</summary>
    public static long EnsureUploadable(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliInputException("No file given.");
        }
        if (Directory.Exists(path))
        {
            throw new CliInputException($"'{path}' is a directory, not a file: pass --recursive to upload the files in it.");
        }
        if (!File.Exists(path))
        {
            throw new CliInputException($"File not found: '{path}'.");
        }
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                throw new CliInputException($"'{path}' is empty: there is nothing to upload.");
            }
            return length;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CliInputException($"Cannot read '{path}': {e.Message}");
        }
    }
}
