using System.Net;

namespace Scenario.Cli.Tests;

/// <summary>Holds the first PUT of one part until the request is cancelled, after signalling.</summary>
internal sealed class StallingHandler(int part, Action onStall) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith($"/parts/{part}", StringComparison.Ordinal))
        {
            onStall();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
