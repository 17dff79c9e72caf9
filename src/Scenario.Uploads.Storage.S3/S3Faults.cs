using System.Net;
using Amazon.Runtime;
using Scenario.Uploads.Backends;

namespace Scenario.Uploads.Storage.S3;

/// <summary>
/// The store's passing failures: unreachable or too slow (tagged by <see cref="StoreTransport"/>), or
/// answering with an error of its own (5xx, <c>SlowDown</c>). A 4xx about the request stays what it is.
/// </summary>
public sealed class S3Faults : IBackendFaultClassifier
{
    public BackendFault? Classify(Exception error) => error switch
    {
        AmazonServiceException { ErrorCode: "SlowDown" } or AmazonServiceException { StatusCode: HttpStatusCode.ServiceUnavailable }
            => new BackendFault(BackendNames.Storage, BackendFaultKinds.Busy),
        AmazonServiceException { ErrorCode: "RequestTimeout" } => new BackendFault(BackendNames.Storage, BackendFaultKinds.Timeout),
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } => new BackendFault(BackendNames.Storage, BackendFaultKinds.Failed),
        _ => StoreTransport.TagOf(error),
    };
}
