namespace Scenario.Uploads.Server.Options;

/// <summary><c>Uploads:DataDirectory</c> made absolute once, when bound.</summary>
internal static class DataDirectory
{
    // Against the current directory, as the operator means a relative path; resolved once so the start-up
    // print, the database, the blobs and the signing key agree even if the process changes directory.
    public static string Absolute(string path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);
}
