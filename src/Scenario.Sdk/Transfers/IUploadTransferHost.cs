namespace Scenario.Transfers;

/// <summary>
/// What the transfer helpers need beyond <see cref="Services.IUploadService"/>: the HTTP client for signed part URLs.
/// Internal, so the public interface stays the API calls alone (a fake or a decorator implements only those)
/// and the credential-free part client is never handed to callers, who could add headers to it.
/// </summary>
internal interface IUploadTransferHost
{
    /// <summary>The client part PUTs go through: no default headers, no credentials.</summary>
    HttpClient PartClient { get; }

    /// <summary>Where part PUTs are logged, as the client's API calls are.</summary>
    Microsoft.Extensions.Logging.ILogger Logger { get; }
}
