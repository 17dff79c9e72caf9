namespace Scenario.Exceptions;

/// <summary>The download's target file already exists and <see cref="Transfers.DownloadOptions.Overwrite"/> is false; nothing was fetched.</summary>
public sealed class DownloadTargetExistsException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The existing file.</param>
    public DownloadTargetExistsException(string path)
        : base($"'{path}' already exists; set Overwrite to replace it.")
    {
        Path = path;
    }

    /// <summary>The existing file.</summary>
    public string Path { get; }
}
