namespace Scenario.Uploads.Model;

/// <summary>
/// The resumable protocols an upload's bytes may arrive by besides the API's parts. The reference's
/// <c>source</c> stays <c>multipart</c> for them: the client sends the file, only the framing differs.
/// </summary>
public static class UploadProtocols
{
    /// <summary>tus 1.0.0 (tus.io).</summary>
    public const string Tus = "tus";

    /// <summary>The IETF draft "Resumable Uploads for HTTP".</summary>
    public const string Rufh = "rufh";
}
