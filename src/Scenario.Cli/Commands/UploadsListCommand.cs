using System.CommandLine;
using Scenario.Models;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario uploads list</c>: <c>GET /uploads</c>, newest first.</summary>
public static class UploadsListCommand
{
    private static readonly Option<int?> PageSize = new("--page-size") { Description = "Uploads per page" };
    private static readonly Option<string?> Token = new("--pagination-token") { Description = "The nextPaginationToken of the previous page" };
    private static readonly Option<bool> All = new("--all") { Description = "Fetch every page" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List uploads, newest first") { PageSize, Token, All };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, context, async invocation =>
        {
            using var client = invocation.Connect();
            if (parse.GetValue(All))
            {
                var uploads = new List<Upload>();
                await foreach (var upload in client.Uploads.ListAllAsync(parse.GetValue(PageSize), cancellationToken).ConfigureAwait(false))
                {
                    uploads.Add(upload);
                }
                context.Output.Json(new UploadListResponse { Uploads = uploads });
                return ExitCodes.Success;
            }
            var page = await client.Uploads.ListAsync(
                new UploadListParams { PageSize = parse.GetValue(PageSize), PaginationToken = parse.GetValue(Token) }, cancellationToken).ConfigureAwait(false);
            context.Output.Json(page);
            return ExitCodes.Success;
        }));
        return command;
    }
}
