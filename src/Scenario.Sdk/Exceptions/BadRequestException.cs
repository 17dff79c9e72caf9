namespace Scenario.Exceptions;

/// <summary>HTTP 400: the request was malformed or refused (an invalid part plan, missing parts, a bad digest).</summary>
public sealed class BadRequestException : ScenarioApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What the service said.</param>
    public BadRequestException(ApiError error)
        : base(error)
    {
    }
}
