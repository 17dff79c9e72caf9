namespace Scenario.Exceptions;

/// <summary>
/// The file's first bytes contradict its kind or content type: refused before the upload was created, with the message
/// the service would give after the whole transfer. Set <see cref="Transfers.UploadFileOptions.SniffContent"/> to false to send it anyway.
/// </summary>
public sealed class ContentMismatchException : ScenarioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the service would say of the file.</param>
    public ContentMismatchException(string message)
        : base(message)
    {
    }
}
