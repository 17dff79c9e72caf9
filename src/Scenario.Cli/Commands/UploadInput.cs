namespace Scenario.Cli.Commands;

/// <summary>One file to upload.</summary>
/// <param name="Name">The file as the user named it (a path, a path inside a folder, or <c>-</c>).</param>
/// <param name="Path">Where its bytes are: the file itself, or the temporary copy of standard input.</param>
/// <param name="FileName">The name sent to the service.</param>
/// <param name="Size">Its size in bytes.</param>
internal sealed record UploadInput(string Name, string Path, string FileName, long Size);
