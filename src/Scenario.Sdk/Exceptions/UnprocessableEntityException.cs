namespace Scenario.Exceptions;

/// <summary>HTTP 422: the request was understood but cannot be processed.</summary>
public sealed class UnprocessableEntityException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public UnprocessableEntityException(ApiError error)
        : base(error)
    {
    }
}
