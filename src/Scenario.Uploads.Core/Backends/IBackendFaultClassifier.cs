namespace Scenario.Uploads.Backends;

/// <summary>
/// Recognises one backend's passing failures among its exceptions. Each backend (PostgreSQL, SQLite, S3)
/// brings its own, since only it knows its error codes; the service asks every registered one.
/// </summary>
public interface IBackendFaultClassifier
{
    /// <summary>
    /// The fault <paramref name="error"/> itself stands for, or null when it is not one of this backend's passing
    /// failures. Callers walk inner exceptions; an implementation looks at the exception it is given.
    /// </summary>
    BackendFault? Classify(Exception error);
}
