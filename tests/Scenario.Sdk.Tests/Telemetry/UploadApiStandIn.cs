using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scenario.Core;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;
using Scenario.Testing;
using Scenario.Testing.Hubs;

namespace Scenario.Sdk.Tests.Telemetry;

/// <summary>
/// The uploads API on 127.0.0.1, reduced to one single-part upload, for what the real service cannot show: it records
/// each request's User-Agent, answers 503 to the first create and the first part PUT when told, never answers
/// <c>GET /v1/uploads/upl_silent</c>, and always answers 503 to <c>GET /v1/uploads/upl_down</c>.
/// </summary>
public sealed class UploadApiStandIn : IAsyncDisposable
{
    /// <summary>The query of the signed part URL: it must never reach a log.</summary>
    public const string Signature = "signature=sig-7f3a9c1e5b";

    private int _createFailures;
    private int _partFailures;

    private UploadApiStandIn(StandInServer server) => Server = server;

    public StandInServer Server { get; }

    /// <summary><c>http://127.0.0.1:PORT/v1</c></summary>
    public string ApiBaseUrl => Server.Origin + "/v1";

    /// <summary>Method, path and User-Agent of every request received.</summary>
    public ConcurrentQueue<(string Method, string Path, string UserAgent)> Seen { get; } = new();

    public static async Task<UploadApiStandIn> StartAsync(int createFailures = 0, int partFailures = 0)
    {
        UploadApiStandIn? standIn = null;
        var server = await StandInServer.StartAsync((app, _) => Map(app, () => standIn!));
        standIn = new UploadApiStandIn(server) { _createFailures = createFailures, _partFailures = partFailures };
        return standIn;
    }

    private static void Map(WebApplication app, Func<UploadApiStandIn> self)
    {
        app.Use((context, next) =>
        {
            self().Seen.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.UserAgent.ToString()));
            return next(context);
        });
        // Typed, so that minimal APIs write the result instead of taking the lambda for a RequestDelegate.
        app.MapPost("/v1/uploads", (Func<HttpContext, Task<IResult>>)(context => self().CreateAsync(context)));
        app.MapGet("/v1/uploads/{id}", (string id, HttpContext context) => self().RetrieveAsync(id, context));
        app.MapPost("/v1/uploads/{id}/action", (string id) => Json(self().UploadOf(id, UploadStatus.Imported, 1)));
        app.MapPut("/parts/{id}/{number:int}", (string id, int number, HttpContext context) => self().PutAsync(context));
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<UploadCreateParams>(context.Request.Body, ScenarioJson.Options, context.RequestAborted);
        if (Interlocked.Decrement(ref _createFailures) >= 0)
        {
            return Unavailable(context);
        }
        return Json(UploadOf("upl_standin", UploadStatus.Pending, body!.FileSize ?? 0));
    }

    private async Task<IResult> RetrieveAsync(string id, HttpContext context)
    {
        if (id == "upl_silent")
        {
            // Until the client gives up: a service that accepted the connection and hangs.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }
        return id == "upl_down" ? Unavailable(context) : Json(UploadOf(id, UploadStatus.Pending, 1));
    }

    private async Task<IResult> PutAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        return Interlocked.Decrement(ref _partFailures) >= 0 ? Unavailable(context) : Results.Ok();
    }

    private Upload UploadOf(string id, UploadStatus status, long fileSize)
    {
        var now = DateTimeOffset.UtcNow;
        return new Upload
        {
            Id = id,
            AuthorId = "usr",
            OwnerId = "own",
            CreatedAt = now,
            UpdatedAt = now,
            FileName = "f.bin",
            Kind = UploadKind.Asset,
            Source = UploadSource.Multipart,
            Status = status,
            FileSize = fileSize,
            PartsCount = 1,
            EntityId = status == UploadStatus.Imported ? "ast_standin" : null,
            Parts = status != UploadStatus.Pending ? null :
                [new UploadPart { Number = 1, Url = $"{Server.Origin}/parts/{id}/1?{Signature}", Expires = now.AddHours(1) }],
        };
    }

    private static IResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "0";
        return Results.Content(Samples.Problem(503, "service_unavailable", "Restarting."), "application/problem+json", statusCode: 503);
    }

    private static IResult Json(Upload upload) =>
        Results.Content(JsonSerializer.Serialize(new UploadRetrieveResponse { Upload = upload }, ScenarioJson.Options), "application/json");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
