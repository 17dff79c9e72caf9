using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>Several files, folders and standard input in one command, in parallel, with a table at the end.</summary>
public sealed class ManyFilesTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scenario-cli-many-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Files_and_a_folder_go_up_in_parallel_and_end_with_a_table()
    {
        var png = Write("a.png", TestFiles.Png());
        var glb = Write("b.glb", TestFiles.Glb());
        Write("folder/tone.wav", TestFiles.Wav());
        Write("folder/deeper/model.safetensors", TestFiles.Safetensors());

        var run = await CliRun.RunAsync(service.Env, null, Ct,
            "upload", png, glb, Path.Combine(_directory, "folder"), "--recursive", "--kind", "auto", "--parallel", "3");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("file", lines[0]);
        Assert.Equal(4, lines.Count(l => l.Contains(" imported ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(_directory, "folder", "deeper", "model.safetensors"), StringComparison.Ordinal) && l.Contains("model_", StringComparison.Ordinal));
        Assert.Equal("4 uploaded.", lines[^1]);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("tone.wav", StringComparison.Ordinal) || l.Contains("tone.wav: imported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_that_cannot_be_read_is_one_line_the_rest_still_goes_and_the_exit_code_is_not_0()
    {
        Write("mixed/good.png", TestFiles.Png());
        var broken = Path.Combine(_directory, "mixed", "gone.png");
        File.CreateSymbolicLink(broken, Path.Combine(_directory, "nowhere.png"));

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", Path.Combine(_directory, "mixed"), "-r", "--kind", "image");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal) && l.Contains("gone.png", StringComparison.Ordinal));
        Assert.Contains(run.Out.Split('\n'), l => l.Contains("good.png", StringComparison.Ordinal) && l.Contains(" imported ", StringComparison.Ordinal));
        Assert.Contains("1 uploaded, 1 failed.", run.Out);
    }

    [Fact]
    public async Task One_file_refused_makes_the_exit_code_not_0_and_says_why_in_the_table()
    {
        var good = Write("ok.png", TestFiles.Png());
        var bad = Write("bad.png", new byte[300]);

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", good, bad, "--kind", "image");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith(bad, StringComparison.Ordinal) && l.Contains("not a format this service recognises", StringComparison.Ordinal));
        Assert.Contains("1 uploaded, 1 failed.", run.Out);
    }

    [Fact]
    public async Task A_folder_without_recursive_is_refused_with_the_flag_to_add()
    {
        var folder = Path.GetDirectoryName(Write("plain/x.png", TestFiles.Png()))!;

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", folder, "--kind", "image");

        run.AssertOneErrorLine("pass --recursive");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task Standard_input_is_uploaded_under_the_name_given()
    {
        var bytes = TestFiles.Png();

        var run = await CliRun.RunAsync(service.Env, null, bytes, Ct, "upload", "-", "--kind", "auto", "--file-name", "from-a-pipe.png", "--json");

        Assert.Equal(0, run.ExitCode);
        var upload = Upload.Parse(run.Out);
        Assert.Equal("from-a-pipe.png", upload.FileName);
        Assert.Equal("image", upload.Kind);
        Assert.Equal(bytes.Length, upload.FileSize);
    }

    [Fact]
    public async Task Empty_standard_input_is_bad_input()
    {
        var run = await CliRun.RunAsync(service.Env, null, [], Ct, "upload", "-", "--kind", "auto");

        run.AssertOneErrorLine("Standard input is empty");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task Json_for_many_files_lists_each_with_its_upload_or_error()
    {
        var good = Write("j1.png", TestFiles.Png());
        var missing = Path.Combine(_directory, "j2.png");

        var run = await CliRun.RunAsync(service.Env, null, Ct, "upload", good, missing, "--kind", "image", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal("imported", Upload.From(files[0]).Status);
        Assert.Contains("File not found", files[1].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(ExitCodes.BadInput, root.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Quiet_prints_only_the_ids_of_what_was_made()
    {
        var one = Write("q1.png", TestFiles.Png());
        var two = Write("q2.png", TestFiles.Png(6, 6));

        var single = await CliRun.RunAsync(service.Env, null, Ct, "upload", one, "--kind", "image", "--quiet");
        var many = await CliRun.RunAsync(service.Env, null, Ct, "upload", one, two, "--kind", "image", "-q");

        Assert.Equal(0, single.ExitCode);
        Assert.Matches("^asset_\\S+\n$", single.Out);
        Assert.Equal("", single.Err);
        Assert.Equal(2, many.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("asset_", StringComparison.Ordinal)));
        Assert.Equal("", many.Err);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
