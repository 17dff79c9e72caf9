using System.CommandLine;
using Scenario.Cli.Output;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario upload FILE --kind KIND</c>: the whole upload in one command, with a live progress bar.</summary>
public static class UploadCommand
{
    private static readonly Argument<string> File = new("file") { Description = "The file to upload" };
    private static readonly Option<string?> Kind = new("--kind") { Description = $"What the file becomes: {string.Join(", ", UploadKind.Known)}" };
    private static readonly Option<string?> ContentType = new("--content-type") { Description = "MIME type (default: guessed from the extension)" };
    private static readonly Option<string[]> Collections = new("--collection") { Description = "Add the asset to this collection (repeatable)" };
    private static readonly Option<bool> Hide = new("--hide") { Description = "Hide the asset from the user" };
    private static readonly Option<string?> Parent = new("--parent") { Description = "Parent asset id" };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Parts sent at once", DefaultValueFactory = _ => UploadFileOptions.DefaultConcurrency };
    private static readonly Option<string?> PartSize = new("--part-size") { Description = "Part size, e.g. 16MiB, 64MB or 8388608 (default: picked for the file)" };
    private static readonly Option<bool> NoWait = new("--no-wait") { Description = "Return once completed, without waiting for the import" };
    private static readonly Option<string?> Resume = new("--resume") { Description = "Finish an interrupted upload: send only the parts the service lacks" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("upload", "Upload a file and wait until it is imported")
        {
            File, Kind, ContentType, Collections, Hide, Parent, Concurrency, PartSize, NoWait, Resume,
        };
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(parse, context, invocation => RunAsync(invocation, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var path = parse.GetValue(File)!;
        var resume = parse.GetValue(Resume);
        var options = BuildOptions(parse, path, resume);
        using var client = invocation.Connect();
        var session = new UploadSession(client, invocation, path, resume);
        return await session.RunAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private static UploadFileOptions BuildOptions(ParseResult parse, string path, string? resume)
    {
        var size = FileChecks.EnsureUploadable(path);
        var kind = resume is null ? ParseKind(parse.GetValue(Kind)) : (UploadKind?)null;
        long? partSize = null;
        if (parse.GetValue(PartSize) is { } text)
        {
            partSize = Sizes.TryParse(text, out var bytes)
                ? bytes
                : throw new CliInputException($"Invalid --part-size '{text}': use a size such as 16MiB, 64MB or 8388608.");
        }
        if (resume is null)
        {
            // Checked here so an invalid plan costs no request; the SDK's message says which sizes work.
            PartPlanner.Plan(size, partSize);
        }
        var concurrency = parse.GetValue(Concurrency);
        if (concurrency is < 1 or > 64)
        {
            throw new CliInputException($"Invalid --concurrency {concurrency}: use 1 to 64.");
        }
        var collections = parse.GetValue(Collections) ?? [];
        var hide = parse.GetValue(Hide);
        var parent = parse.GetValue(Parent);
        return new UploadFileOptions
        {
            Kind = kind,
            ContentType = parse.GetValue(ContentType),
            PartSize = partSize,
            Concurrency = concurrency,
            WaitForImport = !parse.GetValue(NoWait),
            AssetOptions = collections.Length == 0 && !hide && parent is null
                ? null
                : new UploadAssetOptions { CollectionIds = collections.Length == 0 ? null : collections, Hide = hide ? true : null, ParentId = parent },
        };
    }

    private static UploadKind ParseKind(string? text)
    {
        var allowed = string.Join(", ", UploadKind.Known);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException($"--kind is required: one of {allowed}.");
        }
        var kind = UploadKind.From(text.Trim().ToLowerInvariant());
        return kind.IsKnown ? kind : throw new CliInputException($"Unknown kind '{text}': use one of {allowed}.");
    }
}
