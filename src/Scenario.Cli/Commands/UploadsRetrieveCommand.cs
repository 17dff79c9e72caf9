using System.CommandLine;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario uploads retrieve ID</c>: <c>GET /uploads/{id}</c>.</summary>
public static class UploadsRetrieveCommand
{
    private static readonly Argument<string> UploadId = new("upload-id") { Description = "The upload id" };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("retrieve", "Show an upload (pending part URLs are freshly signed)") { UploadId };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, context, async invocation =>
        {
            using var client = invocation.Connect();
            context.Output.Json(await client.Uploads.RetrieveAsync(parse.GetValue(UploadId)!, cancellationToken).ConfigureAwait(false));
            return ExitCodes.Success;
        }));
        return command;
    }
}
