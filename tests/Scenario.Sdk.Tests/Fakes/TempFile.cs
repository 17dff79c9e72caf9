namespace Scenario.Sdk.Tests.Fakes;

/// <summary>A file of seeded random bytes, deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(long size, int seed = 1, string extension = ".bin")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scenario-sdk-{Guid.NewGuid():N}{extension}");
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using var stream = File.Create(Path);
        for (var left = size; left > 0; left -= buffer.Length)
        {
            random.NextBytes(buffer);
            stream.Write(buffer, 0, (int)Math.Min(left, buffer.Length));
        }
    }

    public string Path { get; }

    public byte[] Bytes => File.ReadAllBytes(Path);

    public void Dispose() => File.Delete(Path);
}
