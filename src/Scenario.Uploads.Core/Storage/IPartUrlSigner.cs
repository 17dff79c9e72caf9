using Scenario.Uploads.Model;

namespace Scenario.Uploads.Storage;

/// <summary>Signs the URL a client PUTs one part to.</summary>
public interface IPartUrlSigner
{
    /// <summary>
    /// The absolute URL of one part. <paramref name="publicBaseUrl"/> is the service's absolute base URL
    /// ending in <c>/</c>. Strings rather than <see cref="Uri"/>: a retrieve signs up to 10,000 of these.
    /// </summary>
    string SignPartUrl(UploadRecord upload, int partNumber, DateTimeOffset expires, string publicBaseUrl);
}
