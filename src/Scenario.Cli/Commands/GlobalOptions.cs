using System.CommandLine;

namespace Scenario.Cli.Commands;

/// <summary>The options every command accepts; they override the environment variables.</summary>
public static class GlobalOptions
{
    /// <summary>--api-key.</summary>
    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key (default: $SCENARIO_SDK_API_KEY)",
        Recursive = true,
    };

    /// <summary>--api-secret.</summary>
    public static readonly Option<string?> ApiSecret = new("--api-secret")
    {
        Description = "API secret (default: $SCENARIO_SDK_API_SECRET); visible in ps and the shell history: prefer a profile, --api-secret-file or --api-secret-stdin",
        Recursive = true,
    };

    /// <summary>--api-secret-file.</summary>
    public static readonly Option<string?> ApiSecretFile = new("--api-secret-file")
    {
        Description = "Read the API secret from the first line of this file",
        Recursive = true,
    };

    /// <summary>--api-secret-stdin.</summary>
    public static readonly Option<bool> ApiSecretStdin = new("--api-secret-stdin")
    {
        Description = "Read the API secret from the first line of standard input",
        Recursive = true,
    };

    /// <summary>--profile.</summary>
    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "Use this profile of `scenario configure` (default: $SCENARIO_PROFILE, else the profile named default)",
        Recursive = true,
    };

    /// <summary>--quiet.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only errors and, per uploaded file, its asset or model id",
        Recursive = true,
    };

    /// <summary>--base-url.</summary>
    public static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "API base URL including /v1 (default: $SCENARIO_BASE_URL, the profile, else https://api.cloud.scenario.com/v1)",
        Recursive = true,
    };

    /// <summary>--json.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on standard output, errors included",
        Recursive = true,
    };
}
