using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Issue 4's hostile files, end to end through the service: each fails precisely and the service keeps serving.</summary>
public sealed class HostileFileTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, string, byte[], string, string> Cases => new()
    {
        { "content contradicting the declared type", "image", TestFiles.Png(), "image/jpeg", "The file was declared as image/jpeg but its content is PNG (image/png)." },
        { "content contradicting the kind", "video", TestFiles.Wav(), "video/mp4", "This is a WAV audio file, but kind 'video' expects MP4, MOV, WebM or Matroska video." },
        { "a truncated GLB", "3d", TestFiles.TruncatedGlb(), "model/gltf-binary", "truncated" },
        { "a truncated binary PLY", "3d", TestFiles.Ply(binary: true)[..^20], "model/x-ply", "The PLY file is truncated" },
        { "an empty file", "audio", [], "audio/wav", "The file is empty. Upload a file with content." },
        { "a zip bomb inside a USDZ", "3d", TestFiles.UsdzBomb(), "model/vnd.usdz+zip", "The USDZ is a zip bomb" },
        { "a 100,000 x 100,000 PNG header", "image", TestFiles.PngHeaderOnly(100_000, 100_000), "image/png", "100000" },
        { "a pickle checkpoint", "model", TestFiles.PickleCheckpoint(), "application/octet-stream", "arbitrary code" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_fails_with_a_precise_message(string what, string kind, byte[] bytes, string contentType, string expected)
    {
        var end = await fixture.Api.UploadAsync(bytes, kind, "file.bin", contentType);

        Assert.True(end.Status == "failed", $"{what}: {end}");
        Assert.Contains(expected, end.ErrorMessage);
        var healthy = await fixture.Api.UploadAsync(TestFiles.Png(), "image", "ok.png", "image/png");
        Assert.Equal("imported", healthy.Status);
    }
}
