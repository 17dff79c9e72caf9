namespace Scenario.Exceptions;

/// <summary>HTTP 401: missing or wrong API key or secret.</summary>
public sealed class UnauthorizedException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public UnauthorizedException(ApiError error)
        : base(error)
    {
    }
}
