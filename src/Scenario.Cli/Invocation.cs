using System.CommandLine;
using Scenario.Cli.Commands;
using Scenario.Cli.Output;
using Scenario.Cli.Profiles;

namespace Scenario.Cli;

/// <summary>One run of a command: its options, its output mode and, once a client is made, the connection it uses.</summary>
public sealed class Invocation(ParseResult parse, CliContext context)
{
    /// <summary>The parsed command line.</summary>
    public ParseResult Parse => parse;

    /// <summary>The console, environment and input.</summary>
    public CliContext Context => context;

    /// <summary>Where output goes.</summary>
    public IConsoleOutput Output => context.Output;

    /// <summary><c>--json</c>: JSON on standard output only, errors included.</summary>
    public bool Json => parse.GetValue(GlobalOptions.Json);

    /// <summary><c>--quiet</c>: errors and the ids of what was made, nothing else.</summary>
    public bool Quiet => parse.GetValue(GlobalOptions.Quiet);

    /// <summary>Whether human-readable lines (the host, progress) are wanted.</summary>
    public bool Chatty => !Json && !Quiet;

    /// <summary>The connection, once <see cref="Connect"/> has resolved it.</summary>
    public Connection? Connection { get; private set; }

    /// <summary>Resolves the connection (once), names the host on standard error, and makes the client.</summary>
    public ScenarioClient Connect()
    {
        if (Connection is null)
        {
            Connection = ConnectionResolver.Resolve(parse, context);
            if (Chatty)
            {
                Output.Error(Connection.Announcement);
            }
        }
        if (Connection.ApiKey is null || Connection.ApiSecret is null)
        {
            throw new CliInputException(
                $"Missing API credentials for {Connection.BaseUrl}: run scenario configure, set {ScenarioClientOptions.ApiKeyVariable} and " +
                $"{ScenarioClientOptions.ApiSecretVariable}, or pass --api-key with --api-secret-file or --api-secret-stdin.");
        }
        return new ScenarioClient(new ScenarioClientOptions
        {
            ApiKey = Connection.ApiKey,
            ApiSecret = Connection.ApiSecret,
            BaseUrl = Connection.BaseUrl,
            HttpMessageHandler = context.HttpMessageHandler,
            // Already resolved above, with the profile in the order: the SDK must not fall back on its own.
            GetEnvironmentVariable = _ => null,
        });
    }
}
