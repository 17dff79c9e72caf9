using System.CommandLine;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario download ID [-o PATH]</c>: an asset's or model's file, in parallel ranges, resumable, verified.</summary>
public static class DownloadCommand
{
    private static readonly Argument<string> Id = new("asset-or-model-id") { Description = "The asset_… or model_… id" };
    private static readonly Option<string> OutputPath = new("--output", "-o")
    {
        Description = "The file to write, or a directory to write the file's own name into",
        DefaultValueFactory = _ => ".",
    };
    private static readonly Option<bool> Overwrite = new("--overwrite") { Description = "Replace the file if it exists" };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Ranges fetched at once", DefaultValueFactory = _ => DownloadOptions.DefaultConcurrency };
    private static readonly Option<string?> ChunkSize = new("--chunk-size") { Description = "Size of one ranged GET, e.g. 8MiB (default: 8MiB)" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("download", "Download an asset's or model's file, checking its SHA-256; rerun to resume")
        {
            Id, OutputPath, Overwrite, Concurrency, ChunkSize,
        };
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(parse, context, invocation => RunAsync(invocation, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var id = parse.GetValue(Id)!;
        var output = parse.GetValue(OutputPath)!;
        var options = BuildOptions(parse);
        using var client = invocation.Connect();
        var session = new DownloadSession(client, invocation, id, output);
        return await session.RunAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private static DownloadOptions BuildOptions(ParseResult parse)
    {
        var concurrency = parse.GetValue(Concurrency);
        if (concurrency is < 1 or > 64)
        {
            throw new CliInputException($"Invalid --concurrency {concurrency}: use 1 to 64.");
        }
        var chunkSize = DownloadOptions.DefaultChunkSize;
        if (parse.GetValue(ChunkSize) is { } text && (!Sizes.TryParse(text, out chunkSize) || chunkSize < 64 * 1024))
        {
            throw new CliInputException($"Invalid --chunk-size '{text}': use a size of at least 64KiB, such as 8MiB.");
        }
        return new DownloadOptions { Overwrite = parse.GetValue(Overwrite), Concurrency = concurrency, ChunkSize = chunkSize };
    }
}
