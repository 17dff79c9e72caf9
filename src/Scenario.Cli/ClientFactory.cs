using System.CommandLine;
using Scenario.Cli.Commands;

namespace Scenario.Cli;

/// <summary>Builds the SDK client from the global options, falling back to the environment.</summary>
public static class ClientFactory
{
    /// <summary>Creates the client for one command invocation.</summary>
    public static ScenarioClient Create(ParseResult parse, CliContext context) => new(new ScenarioClientOptions
    {
        ApiKey = parse.GetValue(GlobalOptions.ApiKey),
        ApiSecret = parse.GetValue(GlobalOptions.ApiSecret),
        BaseUrl = parse.GetValue(GlobalOptions.BaseUrl),
        HttpMessageHandler = context.HttpMessageHandler,
        GetEnvironmentVariable = context.GetEnvironmentVariable,
    });
}
