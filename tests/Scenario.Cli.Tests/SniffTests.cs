using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>The first bytes are read before anything is sent: content that contradicts --kind or --content-type is refused with the service's words.</summary>
public sealed class SniffTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-sniff-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<bool> AnyUploadNamedAsync(string fileName)
    {
        var listed = await CliRun.RunAsync(service.Env, null, Ct, "uploads", "list", "--all");
        Assert.Equal(0, listed.ExitCode);
        return JsonDocument.Parse(listed.Out).RootElement.GetProperty("uploads").EnumerateArray().Select(Upload.From)
            .Any(u => u.FileName == fileName);
    }

    [Fact]
    public async Task A_png_declared_as_jpeg_is_refused_before_create_with_the_message_the_service_gives()
    {
        var path = Write("declared-jpeg.jpg", TestFiles.Png());

        var refused = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--content-type", "image/jpeg");
        var nothingCreated = !await AnyUploadNamedAsync("declared-jpeg.jpg");
        var sent = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--content-type", "image/jpeg", "--no-sniff");

        const string Message = "The file was declared as image/jpeg but its content is PNG (image/png).";
        refused.AssertOneErrorLine(Message);
        Assert.Contains("--no-sniff", refused.Err);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.True(nothingCreated);
        Assert.Equal(ExitCodes.Failed, sent.ExitCode);
        Assert.Contains(Message, sent.Err);
    }

    [Fact]
    public async Task Random_bytes_as_an_image_are_refused_before_create()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        var path = Write("noise.png", bytes);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image");

        run.AssertOneErrorLine("The file's content is not a format this service recognises; kind 'image' expects a PNG, JPEG, WebP or GIF image.");
        Assert.False(await AnyUploadNamedAsync("noise.png"));
    }

    [Fact]
    public async Task Audio_sent_as_an_image_names_what_it_is()
    {
        var path = Write("tone.png", TestFiles.Wav());

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image");

        run.AssertOneErrorLine("This is a WAV audio file, but kind 'image' expects a PNG, JPEG, WebP or GIF image.");
    }

    [Fact]
    public async Task Without_a_content_type_the_content_decides_it_not_the_extension()
    {
        var path = Write("really-a-png.jpg", TestFiles.Png());

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "image", "--json");

        Assert.Equal(0, run.ExitCode);
        var upload = Upload.Parse(run.Out);
        Assert.Equal("image/png", upload.ContentType);
        Assert.Equal("imported", upload.Status);
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("3d")]
    [InlineData("model")]
    [InlineData("image")]
    public async Task Kind_auto_picks_the_kind_from_the_content(string kind)
    {
        var (bytes, name, _) = TestFiles.ValidFileFor(kind);
        var path = Write("auto-" + name + ".bin", bytes);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "auto", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(kind, Upload.Parse(run.Out).Kind);
    }

    [Fact]
    public async Task Kind_auto_makes_unrecognised_content_an_asset()
    {
        var path = Write("notes.bin", "just some words\n"u8.ToArray());

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", path, "--kind", "auto", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("asset", Upload.Parse(run.Out).Kind);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
