namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>The files the tus tests upload, made in the test; written to a temporary file for a client process to read.</summary>
public static class TusFiles
{
    public const int MiB = 1024 * 1024;

    /// <summary>The bytes in a new temporary file named <paramref name="name"/>; deleted with the returned handle.</summary>
    public static TempFile Write(byte[] bytes, string name)
    {
        var directory = TempDirectory.Create();
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return new TempFile(directory, path);
    }

    public sealed record TempFile(string Directory, string Path) : IDisposable
    {
        public void Dispose() => TempDirectory.TryDelete(Directory);
    }
}
