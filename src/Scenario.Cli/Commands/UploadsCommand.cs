using System.CommandLine;

namespace Scenario.Cli.Commands;

/// <summary><c>scenario uploads ...</c>: the API's endpoints one by one, printing the JSON responses.</summary>
public static class UploadsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context) => new("uploads", "Call the uploads API directly (prints JSON)")
    {
        UploadsCreateCommand.Create(context),
        UploadsRetrieveCommand.Create(context),
        UploadsListCommand.Create(context),
        UploadsActionCommands.Complete(context),
        UploadsActionCommands.Abort(context),
    };
}
