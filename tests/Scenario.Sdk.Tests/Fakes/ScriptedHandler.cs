using System.Net;
using System.Text;

namespace Scenario.Sdk.Tests.Fakes;

/// <summary>Answers requests from a script, in order, and records what was asked.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, Task<HttpResponseMessage>>> _script = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Bodies { get; } = [];

    public ScriptedHandler Respond(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public ScriptedHandler Throw(Exception error)
    {
        _script.Enqueue(_ => Task.FromException<HttpResponseMessage>(error));
        return this;
    }

    public ScriptedHandler Hang()
    {
        _script.Enqueue(async _ =>
        {
            await Task.Delay(Timeout.Infinite);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        if (_script.Count == 0)
        {
            throw new InvalidOperationException($"Unscripted request {request.Method} {request.RequestUri}");
        }
        return await _script.Dequeue()(request).WaitAsync(cancellationToken);
    }
}
