using System.CommandLine;
using Scenario.Models;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario uploads complete|abort ID</c>: <c>POST /uploads/{id}/action</c>.</summary>
public static class UploadsActionCommands
{
    private static readonly Argument<string> UploadId = new("upload-id") { Description = "The upload id" };

    /// <summary>Builds <c>complete</c>.</summary>
    public static Command Complete(CliContext context) =>
        Create(context, "complete", "Tell the service all parts are in: start validation and import", UploadAction.Complete);

    /// <summary>Builds <c>abort</c>.</summary>
    public static Command Abort(CliContext context) =>
        Create(context, "abort", "Give up on a pending upload (it becomes failed)", UploadAction.Abort);

    private static Command Create(CliContext context, string name, string description, UploadAction action)
    {
        var command = new Command(name, description) { UploadId };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, context, async invocation =>
        {
            using var client = invocation.Connect();
            var response = await client.Uploads.TriggerActionAsync(
                parse.GetValue(UploadId)!, new UploadTriggerActionParams { Action = action }, cancellationToken).ConfigureAwait(false);
            context.Output.Json(response);
            return ExitCodes.Success;
        }));
        return command;
    }
}
