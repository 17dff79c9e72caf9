using System.CommandLine;
using Scenario.Cli.Profiles;

namespace Scenario.Cli.Commands;

/// <summary>
/// <c>scenario configure [--profile NAME]</c>: saves a base URL, key and secret as a profile, so later commands need
/// neither exported variables nor a secret on the command line. Only the flags given on this command are saved: the
/// environment and other profiles are not copied into it.
/// </summary>
public static class ConfigureCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("configure", "Save the base URL, API key and secret as a profile (file mode 0600); asks for what the flags do not give");
        command.SetAction((parse, _) => CommandRunner.RunAsync(parse, context, invocation => Task.FromResult(Run(invocation))));
        return command;
    }

    private static int Run(Invocation invocation)
    {
        var parse = invocation.Parse;
        var context = invocation.Context;
        var name = parse.GetValue(GlobalOptions.Profile) ?? ProfileStore.DefaultProfile;
        var baseUrl = Ask(context, parse.GetValue(GlobalOptions.BaseUrl), "Base URL (e.g. http://127.0.0.1:5080/v1): ", "--base-url", hidden: false);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliInputException($"Invalid --base-url '{baseUrl}': expected an absolute http(s) URL such as http://127.0.0.1:5080/v1.");
        }
        var key = Ask(context, parse.GetValue(GlobalOptions.ApiKey), "API key: ", "--api-key", hidden: false);
        var secret = parse.GetValue(GlobalOptions.ApiSecretFile) is { } file ? SecretSources.FromFile(file)
            : parse.GetValue(GlobalOptions.ApiSecretStdin) ? SecretSources.FromStdin(context)
            : Ask(context, parse.GetValue(GlobalOptions.ApiSecret), "API secret (not shown): ", "--api-secret-file or --api-secret-stdin", hidden: true);

        var store = ProfileStore.From(context.GetEnvironmentVariable);
        store.Save(name, new Profile { BaseUrl = baseUrl.TrimEnd('/'), ApiKey = key, ApiSecret = secret });
        if (invocation.Json)
        {
            invocation.Output.Json(new { profile = name, path = store.FilePath, baseUrl = baseUrl.TrimEnd('/') });
        }
        else if (!invocation.Quiet)
        {
            var hint = uri.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? "" : " (note: the API lives under /v1)";
            invocation.Output.Line($"Saved profile '{name}' for {baseUrl.TrimEnd('/')} to {store.FilePath}{hint}.");
            if (name != ProfileStore.DefaultProfile)
            {
                invocation.Output.Line($"Use it with --profile {Shell.Quote(name)} or export {ConnectionResolver.ProfileVariable}={Shell.Quote(name)}.");
            }
        }
        return ExitCodes.Success;
    }

    private static string Ask(CliContext context, string? given, string question, string flag, bool hidden)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Trim();
        }
        var answer = context.Prompt?.Invoke(question, hidden);
        return string.IsNullOrWhiteSpace(answer)
            ? throw new CliInputException($"No terminal to ask on and no {flag} given: pass {flag}.")
            : answer.Trim();
    }
}
