namespace Scenario.Uploads.Server.Imports;

/// <summary>
/// An import that cannot go on, with a message the user can act on. A permanent failure fails the
/// upload at once; a transient one (a 503, a broken connection) is left to the job's retries, and
/// its message becomes the upload's if the last attempt fails too.
/// </summary>
public sealed class ImportException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;

    public static ImportException Refused(string message) => new(message, permanent: true);

    public static ImportException Transient(string message, Exception? inner = null) => new(message, permanent: false, inner);
}
