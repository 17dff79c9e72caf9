using System.CommandLine;
using Scenario.Cli.Commands;

namespace Scenario.Cli.Profiles;

/// <summary>
/// Picks each setting from the first source that has it: flags, then the environment, then the profile
/// (<c>--profile</c>, else <c>SCENARIO_PROFILE</c>, else the profile named <c>default</c> when it exists).
/// </summary>
public static class ConnectionResolver
{
    /// <summary>The variable naming the profile to use.</summary>
    public const string ProfileVariable = "SCENARIO_PROFILE";

    /// <summary>Resolves the connection of one run; throws <see cref="CliInputException"/> for a missing profile or an unsafe file.</summary>
    public static Connection Resolve(ParseResult parse, CliContext context)
    {
        var env = context.GetEnvironmentVariable;
        var (profileName, profile) = LoadProfile(parse, context);
        var flags = new List<string>();
        if (profileName is not null && profile is not null)
        {
            flags.AddRange(["--profile", Shell.Quote(profileName)]);
        }

        var (baseUrl, baseSource) = Pick(parse.GetValue(GlobalOptions.BaseUrl), env(ScenarioClientOptions.BaseUrlVariable), profile?.BaseUrl,
            "--base-url", ScenarioClientOptions.BaseUrlVariable, $"profile {profileName}");
        if (baseSource is "--base-url" or ScenarioClientOptions.BaseUrlVariable)
        {
            // Repeated as a flag: the shell that runs the printed command may not have the variable.
            flags.AddRange(["--base-url", Shell.Quote(baseUrl!)]);
        }
        var (key, keySource) = Pick(parse.GetValue(GlobalOptions.ApiKey), env(ScenarioClientOptions.ApiKeyVariable), profile?.ApiKey,
            "--api-key", ScenarioClientOptions.ApiKeyVariable, "profile");
        if (keySource == "--api-key")
        {
            flags.AddRange(["--api-key", Shell.Quote(key!)]);
        }
        var secret = FlagSecret(parse, context, flags, out var secretTyped) ?? NonEmpty(env(ScenarioClientOptions.ApiSecretVariable)) ?? NonEmpty(profile?.ApiSecret);

        return new Connection(
            baseUrl ?? ScenarioClientOptions.DefaultBaseUrl, key, secret,
            baseSource ?? $"default: no --base-url, {ScenarioClientOptions.BaseUrlVariable} or profile set one",
            profile is null ? null : profileName, flags, secretTyped);
    }

    private static string? FlagSecret(ParseResult parse, CliContext context, List<string> flags, out bool secretTyped)
    {
        secretTyped = false;
        if (NonEmpty(parse.GetValue(GlobalOptions.ApiSecret)) is { } typed)
        {
            // Never repeated: a printed command must not carry the secret; the caller asks for it instead.
            secretTyped = true;
            return typed;
        }
        if (parse.GetValue(GlobalOptions.ApiSecretFile) is { } path)
        {
            flags.AddRange(["--api-secret-file", Shell.Quote(Path.GetFullPath(path))]);
            return SecretSources.FromFile(path);
        }
        if (parse.GetValue(GlobalOptions.ApiSecretStdin))
        {
            flags.Add("--api-secret-stdin");
            return SecretSources.FromStdin(context);
        }
        return null;
    }

    private static (string? Name, Profile? Profile) LoadProfile(ParseResult parse, CliContext context)
    {
        var named = NonEmpty(parse.GetValue(GlobalOptions.Profile)) ?? NonEmpty(context.GetEnvironmentVariable(ProfileVariable));
        var store = ProfileStore.From(context.GetEnvironmentVariable);
        var file = store.Load();
        if (named is null)
        {
            return file.Profiles.TryGetValue(ProfileStore.DefaultProfile, out var fallback)
                ? (ProfileStore.DefaultProfile, fallback)
                : (null, null);
        }
        return file.Profiles.TryGetValue(named, out var profile)
            ? (named, profile)
            : throw new CliInputException(
                $"No profile '{named}' in {store.FilePath}; create it with: scenario configure --profile {Shell.Quote(named)}");
    }

    private static (string? Value, string? Source) Pick(string? flag, string? env, string? profile, string flagName, string envName, string profileName) =>
        NonEmpty(flag) is { } a ? (a, flagName)
        : NonEmpty(env) is { } b ? (b, envName)
        : NonEmpty(profile) is { } c ? (c, profileName)
        : (null, null);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
