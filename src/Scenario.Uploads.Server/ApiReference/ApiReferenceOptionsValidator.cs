using Microsoft.Extensions.Options;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// <c>Api:Reference</c> holds one switch: any bool is valid, and a value that is none (<c>Enabled=yes</c>)
/// is named at start by the binder check every section gets.
/// </summary>
internal sealed class ApiReferenceOptionsValidator : IValidateOptions<ApiReferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiReferenceOptions options) => ValidateOptionsResult.Success;
}
