namespace Scenario.Sdk.Tests.Fakes;

/// <summary>A path in the temp directory for a file, deleted on dispose.</summary>
public sealed class TempPath : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scenario-e2e-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(Path);
}
