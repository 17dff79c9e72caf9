using System.CommandLine;
using Scenario.Models;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario uploads create</c>: <c>POST /uploads</c> with exactly the fields given.</summary>
public static class UploadsCreateCommand
{
    private static readonly Option<string?> FileName = new("--file-name") { Description = "File name (multipart)" };
    private static readonly Option<string?> ContentType = new("--content-type") { Description = "MIME type (multipart)" };
    private static readonly Option<long?> FileSize = new("--file-size") { Description = "File size in bytes (multipart)" };
    private static readonly Option<int?> Parts = new("--parts") { Description = "Number of parts, 1..10000 (multipart)" };
    private static readonly Option<string?> Kind = new("--kind") { Description = $"One of {string.Join(", ", UploadKind.Known)} (multipart and url)" };
    private static readonly Option<string?> Url = new("--url") { Description = "Import from this URL" };
    private static readonly Option<string?> HuggingFace = new("--hugging-face-model-name") { Description = "Import this huggingface.co model (owner/name)" };
    private static readonly Option<string?> Civitai = new("--civitai-model-url") { Description = "Import this civitai.com model" };
    private static readonly Option<string[]> Collections = new("--collection") { Description = "Collection id (repeatable)" };
    private static readonly Option<bool> Hide = new("--hide") { Description = "Hide the asset" };
    private static readonly Option<string?> Parent = new("--parent") { Description = "Parent asset id" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("create", "Create an upload and print it, with its part URLs")
        {
            FileName, ContentType, FileSize, Parts, Kind, Url, HuggingFace, Civitai, Collections, Hide, Parent,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, context, async invocation =>
        {
            using var client = invocation.Connect();
            context.Output.Json(await client.Uploads.CreateAsync(BuildParams(parse), cancellationToken).ConfigureAwait(false));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static UploadCreateParams BuildParams(ParseResult parse)
    {
        var collections = parse.GetValue(Collections) ?? [];
        var hide = parse.GetValue(Hide);
        var parent = parse.GetValue(Parent);
        return new UploadCreateParams
        {
            FileName = parse.GetValue(FileName),
            ContentType = parse.GetValue(ContentType),
            FileSize = parse.GetValue(FileSize),
            Parts = parse.GetValue(Parts),
            Kind = parse.GetValue(Kind) is { } kind ? UploadKind.From(kind) : (UploadKind?)null,
            Url = parse.GetValue(Url),
            HuggingFaceModelName = parse.GetValue(HuggingFace),
            CivitaiModelUrl = parse.GetValue(Civitai),
            AssetOptions = collections.Length == 0 && !hide && parent is null
                ? null
                : new UploadAssetOptions { CollectionIds = collections.Length == 0 ? null : collections, Hide = hide ? true : null, ParentId = parent },
        };
    }
}
