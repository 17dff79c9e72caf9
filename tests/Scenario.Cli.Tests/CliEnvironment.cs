using Scenario.Testing;

namespace Scenario.Cli.Tests;

/// <summary>The environment that points the CLI at the fixture's service.</summary>
public static class CliEnvironment
{
    extension(ServiceFixture fixture)
    {
        public Dictionary<string, string> Env => new()
        {
            ["SCENARIO_SDK_API_KEY"] = fixture.Host.ApiKey,
            ["SCENARIO_SDK_API_SECRET"] = fixture.Host.ApiSecret,
            ["SCENARIO_BASE_URL"] = fixture.Host.ApiBaseUrl,
        };
    }
}
