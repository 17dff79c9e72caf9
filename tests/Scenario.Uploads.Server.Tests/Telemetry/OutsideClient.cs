using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>
/// A client as one outside the service would be: this test process's HttpClient would put its own
/// <c>traceparent</c> on every request (the in-process hosts of other tests listen to System.Net.Http), so this
/// one propagates nothing but what a test sets.
/// </summary>
internal static class OutsideClient
{
    public static HttpClient Create(Uri baseUrl, AuthenticationHeaderValue? authorization) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = baseUrl,
            DefaultRequestHeaders = { Authorization = authorization },
        };

    /// <summary>A sampled W3C <c>traceparent</c> in the trace <paramref name="traceId"/> (16 bytes), with a new span id.</summary>
    public static string Traceparent(byte[] traceId) =>
        $"00-{Convert.ToHexStringLower(traceId)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";
}
