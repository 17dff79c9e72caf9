using System.CommandLine;
using Scenario.Cli.Commands;

namespace Scenario.Cli;

/// <summary>The <c>scenario</c> command line, runnable in-process (tests inject the console and environment).</summary>
public static class CliApp
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "Scenario uploads from the terminal. Connection: flags, then SCENARIO_BASE_URL, SCENARIO_SDK_API_KEY, SCENARIO_SDK_API_SECRET, then the profile (scenario configure).")
        {
            GlobalOptions.ApiKey,
            GlobalOptions.ApiSecret,
            GlobalOptions.ApiSecretFile,
            GlobalOptions.ApiSecretStdin,
            GlobalOptions.BaseUrl,
            GlobalOptions.Profile,
            GlobalOptions.Json,
            GlobalOptions.Quiet,
            ConfigureCommand.Create(context),
            UploadCommand.Create(context),
            UploadsCommand.Create(context),
            DownloadCommand.Create(context),
        };
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = context.Output.Out,
            Error = context.Output.Err,
            // Ctrl-C cancels the command's token; leave time to print how to resume before the process is ended.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        return Build(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
