namespace Scenario.Exceptions;

/// <summary>HTTP 409: the resource is in a state that forbids this (a part PUT after complete, completing a failed upload).</summary>
public sealed class ConflictException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public ConflictException(ApiError error)
        : base(error)
    {
    }
}
