using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Scenario.Testing.Hubs;

/// <summary>A model of the Civitai stand-in: its versions, newest first, as the API lists them.</summary>
public sealed record CivitaiModel(long Id, string Name, string Type, IReadOnlyList<CivitaiVersion> Versions);

/// <summary>A version and its one file.</summary>
public sealed record CivitaiVersion(long Id, string Name, string BaseModel, IReadOnlyList<string> TrainedWords, string FileName, byte[] Bytes)
{
    public bool NeedsToken { get; init; }
    public bool WrongHash { get; init; }
    public bool CutDownload { get; init; }
    public string Format { get; init; } = "SafeTensor";
}

/// <summary>
/// Civitai's public API: <c>/api/v1/models/{id}</c>, <c>/api/v1/model-versions/{id}</c>, and
/// <c>/api/download/models/{versionId}</c>, which answers 401 without a key for restricted models
/// and otherwise 307 to the file on storage at another host (here: the same server named <c>localhost</c>).
/// </summary>
public sealed class CivitaiStandIn : IAsyncDisposable
{
    public const string ValidToken = "civitai_stand_in_key";

    private readonly ConcurrentDictionary<long, CivitaiModel> _models = new();

    private CivitaiStandIn(StandInServer server) => Server = server;

    public StandInServer Server { get; }

    public string Origin => Server.Origin;

    public static async Task<CivitaiStandIn> StartAsync()
    {
        CivitaiStandIn? standIn = null;
        var server = await StandInServer.StartAsync((app, s) => Map(app, s, () => standIn!));
        standIn = new CivitaiStandIn(server);
        return standIn;
    }

    public CivitaiModel Add(CivitaiModel model) => _models[model.Id] = model;

    /// <summary>The public page URL users paste: <c>https://civitai.com/models/{id}/{slug}?modelVersionId=…</c>, on the stand-in.</summary>
    public string PageUrl(long modelId, long? versionId = null) =>
        $"https://civitai.com/models/{modelId}/some-slug" + (versionId is null ? "" : $"?modelVersionId={versionId}");

    private static void Map(WebApplication app, StandInServer server, Func<CivitaiStandIn> self)
    {
        app.MapGet("/api/v1/models/{id:long}", (long id) =>
            self()._models.TryGetValue(id, out var model)
                ? Results.Text(ModelJson(server, model).ToJsonString(), "application/json")
                : Results.Json(new { error = "No model with id " + id }, statusCode: 404));
        app.MapGet("/api/v1/model-versions/{id:long}", (long id) =>
        {
            var found = self()._models.Values.SelectMany(m => m.Versions.Select(v => (Model: m, Version: v))).FirstOrDefault(p => p.Version.Id == id);
            if (found.Model is null)
            {
                return Results.Json(new { error = "Model version not found" }, statusCode: 404);
            }
            var json = VersionJson(server, found.Model, found.Version);
            json["modelId"] = found.Model.Id;
            json["model"] = new JsonObject { ["name"] = found.Model.Name, ["type"] = found.Model.Type, ["nsfw"] = false };
            return Results.Text(json.ToJsonString(), "application/json");
        });
        app.MapGet("/api/download/models/{id:long}", (long id, HttpContext context) =>
        {
            var version = self()._models.Values.SelectMany(m => m.Versions).FirstOrDefault(v => v.Id == id);
            if (version is null)
            {
                return Results.NotFound();
            }
            if (version.NeedsToken && context.Request.Headers.Authorization.ToString() != $"Bearer {ValidToken}")
            {
                return Results.Json(new { error = "Unauthorized", message = "The creator of this asset requires you to be logged in to download it" }, statusCode: 401);
            }
            context.Response.Headers.Location = $"{server.OtherHostOrigin}/storage/{id}/{Uri.EscapeDataString(version.FileName)}?X-Amz-Signature=abc";
            return Results.StatusCode(307);
        });
        app.MapGet("/storage/{id:long}/{name}", (long id, HttpContext context) =>
        {
            var version = self()._models.Values.SelectMany(m => m.Versions).First(v => v.Id == id);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{version.FileName}\"";
            return StandInServer.SendAsync(context, version.Bytes, cutAt: version.CutDownload ? version.Bytes.Length / 2 : null);
        });
    }

    private static JsonObject ModelJson(StandInServer server, CivitaiModel model) => new()
    {
        ["id"] = model.Id,
        ["name"] = model.Name,
        ["type"] = model.Type,
        ["nsfw"] = false,
        ["modelVersions"] = new JsonArray([.. model.Versions.Select(v => (JsonNode)VersionJson(server, model, v))]),
    };

    private static JsonObject VersionJson(StandInServer server, CivitaiModel model, CivitaiVersion version)
    {
        var sha = SHA256.HashData(version.WrongHash ? [.. version.Bytes, 1] : version.Bytes);
        var downloadUrl = $"{server.Origin}/api/download/models/{version.Id}";
        return new JsonObject
        {
            ["id"] = version.Id,
            ["name"] = version.Name,
            ["baseModel"] = version.BaseModel,
            ["trainedWords"] = new JsonArray([.. version.TrainedWords.Select(w => (JsonNode)w)]),
            ["files"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = version.Id * 10,
                    ["name"] = version.FileName,
                    ["sizeKB"] = version.Bytes.Length / 1024.0,
                    ["type"] = "Model",
                    ["primary"] = true,
                    ["metadata"] = new JsonObject { ["fp"] = "fp16", ["size"] = "pruned", ["format"] = version.Format },
                    ["hashes"] = new JsonObject { ["AutoV2"] = Convert.ToHexString(sha)[..10], ["SHA256"] = Convert.ToHexString(sha) },
                    ["downloadUrl"] = downloadUrl,
                }),
            ["downloadUrl"] = downloadUrl,
        };
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
