namespace Scenario.Exceptions;

/// <summary>HTTP 5xx: the service failed.</summary>
public sealed class InternalServerException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public InternalServerException(ApiError error)
        : base(error)
    {
    }
}
