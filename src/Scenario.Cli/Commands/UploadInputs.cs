namespace Scenario.Cli.Commands;

/// <summary>
/// Turns the command's arguments into files: a file as is, a folder's files with <c>--recursive</c>, <c>-</c> as standard
/// input copied to an owner-only temporary file (parts are read in parallel at any offset, which a pipe cannot do).
/// Whatever cannot be read becomes one line in <see cref="Problems"/>, so the rest still goes.
/// </summary>
internal sealed class UploadInputs : IDisposable
{
    private readonly List<string> _temporary = [];

    public List<UploadInput> Files { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>Temporary copies to keep (a resumable upload needs its bytes); the others are deleted on dispose.</summary>
    public HashSet<string> Keep { get; } = [];

    public static UploadInputs Expand(IReadOnlyList<string> arguments, bool recursive, string? stdinName, CliContext context)
    {
        var inputs = new UploadInputs();
        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                inputs.AddStdin(stdinName ?? "stdin", context);
            }
            else if (Directory.Exists(argument))
            {
                if (recursive)
                {
                    inputs.AddDirectory(argument);
                }
                else
                {
                    inputs.Problems.Add($"'{argument}' is a directory: pass --recursive to upload the files in it.");
                }
            }
            else
            {
                inputs.AddFile(argument, argument);
            }
        }
        return inputs;
    }

    private void AddFile(string name, string path)
    {
        try
        {
            var size = FileChecks.EnsureUploadable(path);
            Files.Add(new UploadInput(name, path, System.IO.Path.GetFileName(path), size));
        }
        catch (CliInputException e)
        {
            Problems.Add(e.Message);
        }
    }

    private void AddDirectory(string directory)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(directory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Problems.Add($"Cannot read the directory '{directory}': {e.Message}");
            return;
        }
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // A link to a directory is not followed: it could lead back up the tree.
            var isLinkedDirectory = Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is not null;
            if (Directory.Exists(entry) && !isLinkedDirectory)
            {
                AddDirectory(entry);
            }
            else if (!isLinkedDirectory)
            {
                AddFile(entry, entry);
            }
        }
    }

    private void AddStdin(string fileName, CliContext context)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scenario-stdin-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        _temporary.Add(path);
        using (var file = new FileStream(path, options))
        using (var stdin = context.OpenStandardInput())
        {
            stdin.CopyTo(file);
        }
        var size = new FileInfo(path).Length;
        if (size == 0)
        {
            Problems.Add("Standard input is empty: there is nothing to upload.");
            return;
        }
        Files.Add(new UploadInput("-", path, fileName, size));
    }

    public void Dispose()
    {
        foreach (var path in _temporary.Where(p => !Keep.Contains(p)))
        {
            File.Delete(path);
        }
    }
}
