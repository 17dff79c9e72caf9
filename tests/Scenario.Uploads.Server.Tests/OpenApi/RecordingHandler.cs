using System.Collections.Concurrent;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// Sits in a test client's pipeline and keeps every answer (its body read once and put back), so that the
/// flows of the drift test are ordinary calls and every answer they got is checked afterwards.
/// Answers of other hosts (the S3 store that part and download URLs point at on S3) are not the service's,
/// and are not kept.
public sealed class RecordingHandler(Uri service, ConcurrentQueue<RecordedResponse> recorded) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri!.Authority != service.Authority)
        {
            return response;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var body = "";
        if (mediaType is "application/json" or "application/problem+json")
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            var replaced = new StringContent(body);
            replaced.Headers.Clear();
            foreach (var header in response.Content.Headers)
            {
                replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content = replaced;
        }
        recorded.Enqueue(new RecordedResponse(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, mediaType, body));
        return response;
    }
}
