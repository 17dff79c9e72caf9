using Microsoft.Extensions.Options;
using Scenario.Core;

namespace Scenario.DependencyInjection;

/// <summary>
/// Checks the bound options when the host starts, with the rules a <see cref="ScenarioClient"/> applies
/// (<see cref="ResolvedSettings"/>), so a bad setting stops the app at once instead of at its first upload.
/// </summary>
/// <param name="section">The configuration section the options come from, to name keys by (<c>Scenario:BaseUrl</c>).</param>
internal sealed class ScenarioClientOptionsValidator(string section) : IValidateOptions<ScenarioClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ScenarioClientOptions options)
    {
        var problems = new List<string>();
        return ResolvedSettings.TryResolve(options, section, problems) is null
            ? ValidateOptionsResult.Fail(problems.Select(problem => "Invalid configuration: " + problem))
            : ValidateOptionsResult.Success;
    }
}
