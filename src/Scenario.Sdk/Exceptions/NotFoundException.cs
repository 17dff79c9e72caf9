namespace Scenario.Exceptions;

/// <summary>HTTP 404: the resource does not exist or belongs to another owner.</summary>
public sealed class NotFoundException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public NotFoundException(ApiError error)
        : base(error)
    {
    }
}
