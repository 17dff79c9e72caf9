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
        Description = "API secret (default: $SCENARIO_SDK_API_SECRET)",
        Recursive = true,
    };

    /// <summary>--base-url.</summary>
    public static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "API base URL including /v1 (default: $SCENARIO_BASE_URL or https://api.cloud.scenario.com/v1)",
        Recursive = true,
    };

    /// <summary>--json.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON",
        Recursive = true,
    };
}
