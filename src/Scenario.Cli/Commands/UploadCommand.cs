using System.CommandLine;
using Scenario.Formats;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Cli.Commands;

/// <summary>
/// <c>scenario upload FILE... --kind KIND</c>: whole uploads in one command, with live progress. One file prints its
/// upload; several files, folders (<c>--recursive</c>) or standard input (<c>-</c>) go <c>--parallel</c> at a time and
/// end with a table.
/// </summary>
public static class UploadCommand
{
    private static readonly Argument<string[]> Files = new("files") { Description = "Files or folders to upload; - reads standard input", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> Kind = new("--kind") { Description = $"What each file becomes: {string.Join(", ", UploadKind.Known)}, or auto (from the content)" };
    private static readonly Option<string?> ContentType = new("--content-type") { Description = "MIME type (default: from the content, else guessed from the extension)" };
    private static readonly Option<bool> NoSniff = new("--no-sniff") { Description = "Send files whose first bytes contradict --kind or --content-type anyway" };
    private static readonly Option<string[]> Collections = new("--collection") { Description = "Add the asset to this collection (repeatable)" };
    private static readonly Option<bool> Hide = new("--hide") { Description = "Hide the asset from the user" };
    private static readonly Option<string?> Parent = new("--parent") { Description = "Parent asset id" };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Parts of one file sent at once", DefaultValueFactory = _ => UploadFileOptions.DefaultConcurrency };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Files uploaded at once", DefaultValueFactory = _ => 2 };
    private static readonly Option<bool> Recursive = new("--recursive", "-r") { Description = "Upload the files in the folders given, and in their subfolders" };
    private static readonly Option<string?> FileName = new("--file-name") { Description = "The name sent for standard input (default: stdin)" };
    private static readonly Option<string?> PartSize = new("--part-size") { Description = "Part size, e.g. 16MiB, 64MB or 8388608 (default: picked for the file)" };
    private static readonly Option<bool> NoWait = new("--no-wait") { Description = "Return once completed, without waiting for the import" };
    private static readonly Option<string?> Resume = new("--resume") { Description = "Finish an interrupted upload of one file: send only the parts the service lacks" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("upload", "Upload files and wait until they are imported")
        {
            Files, Kind, ContentType, NoSniff, Collections, Hide, Parent, Concurrency, Parallel, Recursive, FileName, PartSize, NoWait, Resume,
        };
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(parse, context, invocation => RunAsync(invocation, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var arguments = parse.GetValue(Files) ?? [];
        var resume = parse.GetValue(Resume);
        var single = arguments.Length == 1 && !Directory.Exists(arguments[0]);
        if (single && arguments[0] != "-")
        {
            FileChecks.EnsureUploadable(arguments[0]);
        }
        if (arguments.Count(a => a == "-") > 1 || (arguments.Contains("-") && parse.GetValue(GlobalOptions.ApiSecretStdin)))
        {
            throw new CliInputException("Standard input can be read once: give - once, and not with --api-secret-stdin.");
        }
        var options = BuildOptions(parse, resume);
        using var inputs = UploadInputs.Expand(arguments, parse.GetValue(Recursive), parse.GetValue(FileName), invocation.Context);
        if (single && inputs.Problems.Count > 0)
        {
            throw new CliInputException(inputs.Problems[0]);
        }
        if (resume is not null && inputs.Files.Count != 1)
        {
            throw new CliInputException("--resume takes exactly one file: the one the upload was started with.");
        }
        var parallel = parse.GetValue(Parallel);
        if (parallel is < 1 or > 32)
        {
            throw new CliInputException($"Invalid --parallel {parallel}: use 1 to 32.");
        }
        var kindText = resume is null ? parse.GetValue(Kind) : null;
        using var client = invocation.Connect();
        var run = new UploadRun(client, invocation, options, resume, kindText is null ? null : ParseKind(kindText));
        return single
            ? await run.SingleAsync(inputs, cancellationToken).ConfigureAwait(false)
            : await run.ManyAsync(inputs, parallel, cancellationToken).ConfigureAwait(false);
    }

    private static UploadFileOptions BuildOptions(ParseResult parse, string? resume)
    {
        if (resume is null)
        {
            // Checked here so a missing kind costs no request (and no read of standard input).
            ParseKind(parse.GetValue(Kind));
        }
        long? partSize = null;
        if (parse.GetValue(PartSize) is { } text)
        {
            partSize = Sizes.TryParse(text, out var bytes)
                ? bytes
                : throw new CliInputException($"Invalid --part-size '{text}': use a size such as 16MiB, 64MB or 8388608.");
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
            ContentType = parse.GetValue(ContentType),
            SniffContent = !parse.GetValue(NoSniff),
            PartSize = partSize,
            Concurrency = concurrency,
            WaitForImport = !parse.GetValue(NoWait),
            AssetOptions = collections.Length == 0 && !hide && parent is null
                ? null
                : new UploadAssetOptions { CollectionIds = collections.Length == 0 ? null : collections, Hide = hide ? true : null, ParentId = parent },
        };
    }

    /// <summary>The kind named on the command line; null for <c>auto</c>, which each file's content decides.</summary>
    private static UploadKind? ParseKind(string? text)
    {
        var allowed = string.Join(", ", UploadKind.Known);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException($"--kind is required: one of {allowed}, or auto.");
        }
        var name = text.Trim().ToLowerInvariant();
        if (name == "auto")
        {
            return null;
        }
        var kind = UploadKind.From(name);
        return kind.IsKnown ? kind : throw new CliInputException($"Unknown kind '{text}': use one of {allowed}, or auto.");
    }

    /// <summary>The kind <c>--kind auto</c> picks for a file: the family its first bytes show, else asset.</summary>
    internal static UploadKind AutoKind(string path)
    {
        using var handle = File.OpenHandle(path);
        var head = new byte[ContentSniffer.HeadSize];
        var read = RandomAccess.Read(handle, head, 0);
        return UploadKind.From(KindRules.KindOf(ContentSniffer.Sniff(head.AsSpan(0, read))?.Family));
    }
}
