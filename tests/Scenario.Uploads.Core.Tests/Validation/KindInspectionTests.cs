using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Validation;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Validation;

public sealed class KindInspectionTests
{
    public static TheoryData<string> Kinds => new(UploadKinds.All);

    public static TheoryData<string> KindsExceptAsset => new(UploadKinds.All.Where(k => k != UploadKinds.Asset));

    /// <summary>For each kind, a valid file of another kind and how the refusal must name it.</summary>
    public static TheoryData<string, byte[], string> WrongFormats => new()
    {
        { "audio", TestFiles.Jpeg(), "This is a JPEG image, but kind 'audio' expects WAV, MP3, OGG, FLAC or MP4 audio." },
        { "image", TestFiles.Wav(), "This is a WAV audio file, but kind 'image' expects a PNG, JPEG, WebP or GIF image." },
        { "avatar", TestFiles.Mp4(), "This is an MP4 video, but kind 'avatar' expects a PNG, JPEG, WebP or GIF image." },
        { "video", TestFiles.Glb(), "This is a GLB model, but kind 'video' expects MP4, MOV, WebM or Matroska video." },
        { "3d", TestFiles.Safetensors(), "This is a safetensors checkpoint, but kind '3d' expects a GLB, glTF, OBJ, FBX, PLY, STL or USDZ model." },
        { "model", TestFiles.Png(), "This is a PNG image, but kind 'model' expects a safetensors checkpoint." },
        { "text", TestFiles.Wav(), "This is a WAV audio file, but kind 'text' expects UTF-8 text (plain text, Markdown, JSON, CSV…)." },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Valid_file_for_each_kind_passes(string kind)
    {
        var (bytes, _, contentType) = TestFiles.ValidFileFor(kind);

        var result = await Inspect.As(kind, bytes, contentType);

        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.NotNull(result.Format);
    }

    [Theory]
    [MemberData(nameof(KindsExceptAsset))]
    public async Task Empty_file_is_refused_for_every_kind_but_asset(string kind)
    {
        var result = await Inspect.As(kind, []);

        Assert.False(result.IsValid);
        Assert.Contains("The file is empty", result.ErrorMessage);
    }

    [Fact]
    public async Task Empty_file_is_a_valid_asset()
    {
        var result = await Inspect.As("asset", []);

        Assert.True(result.IsValid);
        Assert.Null(result.Format);
    }

    [Theory]
    [MemberData(nameof(WrongFormats))]
    public async Task File_of_another_kinds_format_is_refused_naming_both(string kind, byte[] bytes, string message)
    {
        var result = await Inspect.As(kind, bytes);

        Assert.False(result.IsValid);
        Assert.Equal(message, result.ErrorMessage);
    }

    [Theory]
    [InlineData("fbx")]
    [InlineData("flac")]
    [InlineData("safetensors")]
    public async Task Asset_accepts_anything_and_still_names_a_known_format(string format)
    {
        var bytes = format switch
        {
            "fbx" => TestFiles.Fbx(),
            "flac" => TestFiles.Flac(),
            _ => TestFiles.Safetensors(),
        };

        var result = await Inspect.As("asset", bytes);

        Assert.True(result.IsValid);
        Assert.Equal(format, result.Format);
    }

    [Fact]
    public async Task Asset_accepts_unknown_bytes_without_a_format()
    {
        var result = await Inspect.As("asset", [1, 2, 3, 4, 5]);

        Assert.True(result.IsValid);
        Assert.Null(result.Format);
        Assert.Null(result.DetectedContentType);
    }

    [Fact]
    public async Task Unknown_kind_is_refused()
    {
        var result = await Inspect.As("spreadsheet", TestFiles.Png());

        Assert.False(result.IsValid);
        Assert.Contains("spreadsheet", result.ErrorMessage);
    }

    [Fact]
    public async Task Large_file_is_judged_from_its_headers_only()
    {
        var path = Path.Combine(Path.GetTempPath(), $"validation-{Guid.NewGuid():N}.bin");
        try
        {
            TestFiles.WriteLargeFile(path, 8 * 1024 * 1024, seed: 7);
            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            TestFiles.Mp4().AsSpan(0, 8).CopyTo(bytes); // not a valid box walk, but recognised as ISO media by its start
            var content = new MemoryContent(bytes);

            var result = await FileInspector.InspectAsync("asset", null, content, TestContext.Current.CancellationToken);

            Assert.True(result.IsValid);
            Assert.True(content.BytesRead < 1024 * 1024, $"read {content.BytesRead} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Large_file_generator_is_deterministic_per_seed()
    {
        var a = Path.Combine(Path.GetTempPath(), $"gen-{Guid.NewGuid():N}");
        var b = a + "-b";
        try
        {
            TestFiles.WriteLargeFile(a, 3 * 1024 * 1024 + 5, seed: 1);
            TestFiles.WriteLargeFile(b, 3 * 1024 * 1024 + 5, seed: 1);

            Assert.Equal(3 * 1024 * 1024 + 5, new FileInfo(a).Length);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public async Task Random_bytes_never_make_the_inspector_throw()
    {
        var random = new Random(42);
        foreach (var source in new[] { TestFiles.Png(), TestFiles.Glb(), TestFiles.Safetensors(), TestFiles.WebM(), TestFiles.Mp4() })
        {
            for (var i = 0; i < 200; i++)
            {
                var bytes = (byte[])source.Clone();
                for (var flips = 0; flips < 4; flips++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var cut = bytes[..random.Next(1, bytes.Length + 1)];
                foreach (var kind in UploadKinds.All)
                {
                    var result = await Inspect.As(kind, cut);
                    Assert.True(result.IsValid || result.ErrorMessage is { Length: > 0 });
                }
            }
        }
    }
}
