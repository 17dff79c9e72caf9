namespace Scenario.Exceptions;

/// <summary>The base of every exception the SDK throws on purpose.</summary>
public class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ScenarioException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
