using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scenario.Core;
using Scenario.Models;

namespace Scenario.Sdk.Tests.Fakes;

/// <summary>
/// An in-memory uploads service behind an HttpMessageHandler, following the wire contract closely
/// enough to exercise the upload helper: part plan, signed part URLs, no credentials on PUTs, completion.
/// </summary>
public sealed class FakeUploadServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, FakeUpload> _uploads = new();
    private int _inFlight;

    public int MaxConcurrentPuts { get; private set; }

    public ConcurrentBag<int> PutParts { get; } = [];

    public bool PutCarriedCredentials { get; private set; }

    public int Retrieves { get; private set; }

    /// <summary>Lets a test answer a part PUT itself (return null to let it through).</summary>
    public Func<int, HttpResponseMessage?>? OnPut { get; set; }

    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Part URLs and ETags as an S3 store gives them (MD5 ETags) instead of as the service does (XXH128).</summary>
    public bool S3StyleUrls { get; init; }

    /// <summary>Lets a test damage a part's bytes on arrival (the ETag then describes the damaged bytes, as a store's would).</summary>
    public Func<int, bool>? Damage { get; set; }

    public byte[] Content(string uploadId) => _uploads[uploadId].Assemble();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var segments = path.Trim('/').Split('/');
        return (request.Method.Method, segments) switch
        {
            ("POST", ["v1", "uploads"]) => Create(await JsonBody<UploadCreateParams>(request, cancellationToken)),
            ("GET", ["v1", "uploads", var id]) => Retrieve(id),
            ("POST", ["v1", "uploads", var id, "action"]) => Action(id, await JsonBody<UploadTriggerActionParams>(request, cancellationToken)),
            ("PUT", ["parts", var id, var number]) => await PutAsync(request, id, int.Parse(number), cancellationToken),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private HttpResponseMessage Create(UploadCreateParams body)
    {
        var id = "upl_" + Guid.NewGuid().ToString("N")[..8];
        var upload = new FakeUpload(id, body.FileName!, body.Kind!.Value, body.FileSize!.Value, body.Parts!.Value, S3StyleUrls);
        _uploads[id] = upload;
        return Json(upload.ToUpload(UrlLifetime));
    }

    private HttpResponseMessage Retrieve(string id)
    {
        Retrieves++;
        return _uploads.TryGetValue(id, out var upload) ? Json(upload.ToUpload(UrlLifetime)) : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private HttpResponseMessage Action(string id, UploadTriggerActionParams body)
    {
        var upload = _uploads[id];
        if (body.Action == UploadAction.Complete)
        {
            var missing = upload.Missing();
            if (missing.Count > 0)
            {
                return Problem(HttpStatusCode.BadRequest, "parts_missing", "Missing parts " + string.Join(", ", missing));
            }
            upload.Status = UploadStatus.Imported;
        }
        else
        {
            upload.Status = UploadStatus.Failed;
        }
        return Json(upload.ToUpload(UrlLifetime));
    }

    private async Task<HttpResponseMessage> PutAsync(HttpRequestMessage request, string id, int number, CancellationToken cancellationToken)
    {
        PutCarriedCredentials |= request.Headers.Authorization is not null;
        var now = Interlocked.Increment(ref _inFlight);
        lock (PutParts)
        {
            MaxConcurrentPuts = Math.Max(MaxConcurrentPuts, now);
        }
        try
        {
            var bytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            await Task.Delay(20, cancellationToken);
            PutParts.Add(number);
            if (OnPut?.Invoke(number) is { } scripted)
            {
                return scripted;
            }
            var upload = _uploads[id];
            if (!request.RequestUri!.Query.Contains($"exp={upload.Generation}"))
            {
                return Problem(HttpStatusCode.Forbidden, "url_expired", "The part URL expired.");
            }
            if (bytes.Length != upload.SizeOf(number))
            {
                return Problem(HttpStatusCode.BadRequest, "part_size_mismatch", "Wrong length.");
            }
            if (Damage?.Invoke(number) == true)
            {
                bytes[bytes.Length / 2] ^= 0x20;
            }
            upload.Received[number] = bytes;
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.ETag = new(S3StyleUrls
                ? $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\""
                : $"\"xxh128-{Convert.ToHexStringLower(XxHash128.Hash(bytes))}\"");
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public void ExpireAllUrls()
    {
        foreach (var upload in _uploads.Values)
        {
            upload.Generation++;
        }
    }

    private static async Task<T> JsonBody<T>(HttpRequestMessage request, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<T>(await request.Content!.ReadAsStringAsync(cancellationToken), ScenarioJson.Options)!;

    private static HttpResponseMessage Json(Upload upload) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(new UploadRetrieveResponse { Upload = upload }, ScenarioJson.Options), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Problem(HttpStatusCode status, string code, string detail) => new(status)
    {
        Content = new StringContent(Samples.Problem((int)status, code, detail), Encoding.UTF8, "application/problem+json"),
    };
}
