namespace Scenario.Exceptions;

/// <summary>The service could not be reached, or the connection broke before a response arrived.</summary>
public class ScenarioConnectionException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying network error.</param>
    public ScenarioConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
