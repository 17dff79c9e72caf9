using Scenario.Formats;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

/// <summary>
/// The SDK's early refusal from the first bytes (<see cref="ContentSniffer"/>) against the service's full inspection of
/// the same bytes: it may let through what the service refuses, but never refuses what the service accepts, and when it
/// refuses, it says what the service says.
/// </summary>
public sealed class ContentSnifferTests
{
    private const string Truncated = "truncated png";

    private static readonly (string Name, byte[] Bytes)[] Samples =
    [
        ("png", TestFiles.Png()), ("jpeg", TestFiles.Jpeg()), ("webp", TestFiles.WebP()), ("gif", TestFiles.Gif()),
        ("wav", TestFiles.Wav()), ("mp3", TestFiles.Mp3()), ("ogg", TestFiles.Ogg()), ("flac", TestFiles.Flac()), ("m4a", TestFiles.M4a()),
        ("mp4", TestFiles.Mp4()), ("mov", TestFiles.Mov()), ("webm", TestFiles.WebM()),
        ("glb", TestFiles.Glb()), ("gltf", TestFiles.Gltf()), ("obj", TestFiles.Obj()), ("fbx", TestFiles.Fbx()), ("ply", TestFiles.Ply()),
        ("stl", TestFiles.StlBinary()), ("usdz", TestFiles.Usdz()),
        ("safetensors", TestFiles.Safetensors()), ("zipped safetensors", TestFiles.ZippedSafetensors()), ("pickle", TestFiles.PickleCheckpoint()),
        ("markdown", TestFiles.Markdown()), ("zeros", new byte[2048]), ("noise", Noise()), (Truncated, TestFiles.Png()[..20]),
    ];

    private static readonly string?[] ContentTypes =
        [null, "application/octet-stream", "image/png", "image/jpeg", "image/gif", "audio/wav", "audio/mpeg", "video/mp4", "model/gltf-binary", "text/plain"];

    public static TheoryData<string> Kinds => [.. UploadKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_refusal_from_the_first_bytes_is_the_services_own(string kind)
    {
        foreach (var (name, bytes) in Samples)
        {
            foreach (var contentType in ContentTypes)
            {
                var early = ContentSniffer.Refusal(kind, contentType, bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.HeadSize)), bytes.Length);
                if (early is null)
                {
                    continue;
                }
                var inspection = await Inspect.As(kind, bytes, contentType);
                Assert.False(inspection.IsValid, $"{name} as {kind} ({contentType}): refused early but the service accepts it");
                if (name != Truncated)
                {
                    // A damaged file is refused for its damage first, which its first bytes cannot show; any other refusal is word for word.
                    Assert.Equal(inspection.ErrorMessage, early);
                }
            }
        }
    }

    [Fact]
    public async Task What_the_first_bytes_name_is_what_the_service_detects()
    {
        foreach (var (name, bytes) in Samples)
        {
            if (ContentSniffer.Sniff(bytes) is { } sniffed)
            {
                // Kind asset names a sound file's format; a damaged one (the truncated PNG) names none.
                var inspection = await Inspect.As(UploadKinds.Asset, bytes);
                Assert.True(inspection.Format == sniffed.Format || inspection.Format is null, $"{name}: sniffed {sniffed.Format}, detected {inspection.Format}");
            }
        }
    }

    [Fact]
    public void Kind_auto_takes_the_family_and_falls_back_to_asset()
    {
        Assert.Equal(UploadKinds.Image, KindRules.KindOf(ContentSniffer.Sniff(TestFiles.Jpeg())?.Family));
        Assert.Equal(UploadKinds.Model, KindRules.KindOf(ContentSniffer.Sniff(TestFiles.Safetensors())?.Family));
        Assert.Equal(UploadKinds.Asset, KindRules.KindOf(ContentSniffer.Sniff(Noise())?.Family));
    }

    private static byte[] Noise()
    {
        var bytes = new byte[4096];
        new Random(11).NextBytes(bytes);
        return bytes;
    }
}
