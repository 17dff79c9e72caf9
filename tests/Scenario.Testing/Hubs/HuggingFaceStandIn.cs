using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Scenario.Testing.Hubs;

/// <summary>A repository of the Hugging Face stand-in.</summary>
public sealed record HfRepo(string Id, IReadOnlyDictionary<string, byte[]> Files)
{
    public string Sha { get; init; } = Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(Id)));
    public string? PipelineTag { get; init; }
    public string? BaseModel { get; init; }
    /// <summary>Gated: the API answers, the files need a token.</summary>
    public bool Gated { get; init; }
    /// <summary>Private: even the API needs a token.</summary>
    public bool Private { get; init; }
    /// <summary>The tree listing publishes a SHA-256 that is not the file's.</summary>
    public bool WrongHash { get; init; }
    /// <summary>The CDN closes the connection half-way through the file.</summary>
    public bool CutDownload { get; init; }
}

/// <summary>
/// The Hugging Face hub's URL layout and JSON: <c>/api/models/{id}</c> (and <c>/revision/{rev}</c>),
/// <c>/api/models/{id}/tree/{rev}</c> with LFS ids, and <c>/{id}/resolve/{rev}/{file}</c>, which
/// redirects to a CDN on another host (here: the same server named <c>localhost</c>).
/// </summary>
public sealed class HuggingFaceStandIn : IAsyncDisposable
{
    public const string ValidToken = "hf_stand_in_token";

    private readonly ConcurrentDictionary<string, HfRepo> _repos = new();

    private HuggingFaceStandIn(StandInServer server) => Server = server;

    public StandInServer Server { get; }

    public string Origin => Server.Origin;

    public static async Task<HuggingFaceStandIn> StartAsync()
    {
        HuggingFaceStandIn? standIn = null;
        var server = await StandInServer.StartAsync((app, s) => Map(app, s, () => standIn!));
        standIn = new HuggingFaceStandIn(server);
        return standIn;
    }

    public HfRepo Add(HfRepo repo) => _repos[repo.Id] = repo;

    private static void Map(WebApplication app, StandInServer server, Func<HuggingFaceStandIn> self)
    {
        app.MapGet("/api/models/{owner}/{name}", (string owner, string name, HttpContext c) => Info(self(), $"{owner}/{name}", null, c));
        app.MapGet("/api/models/{owner}/{name}/revision/{rev}", (string owner, string name, string rev, HttpContext c) => Info(self(), $"{owner}/{name}", rev, c));
        app.MapGet("/api/models/{owner}/{name}/tree/{rev}", (string owner, string name, string rev, HttpContext c) => Tree(self(), $"{owner}/{name}", c));
        app.MapGet("/{owner}/{name}/resolve/{rev}/{**file}", (string owner, string name, string rev, string file, HttpContext c) =>
        {
            var repo = Find(self(), $"{owner}/{name}", c, needsToken: r => r.Gated || r.Private);
            if (repo is null)
            {
                return Task.CompletedTask;
            }
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = $"{server.OtherHostOrigin}/cdn/{owner}/{name}/{file}";
            return Task.CompletedTask;
        });
        app.MapGet("/cdn/{owner}/{name}/{**file}", (string owner, string name, string file, HttpContext c) =>
            self()._repos.TryGetValue($"{owner}/{name}", out var repo) && repo.Files.TryGetValue(file, out var bytes)
                ? StandInServer.SendAsync(c, bytes, cutAt: repo.CutDownload ? bytes.Length / 2 : null)
                : Status(c, 404, null));
    }

    private static Task Info(HuggingFaceStandIn self, string id, string? revision, HttpContext context)
    {
        var repo = Find(self, id, context, needsToken: r => r.Private);
        if (repo is null)
        {
            return Task.CompletedTask;
        }
        if (revision is not null && revision != "main" && revision != repo.Sha)
        {
            return Status(context, 404, "RevisionNotFound");
        }
        var info = new JsonObject
        {
            ["_id"] = repo.Sha[..24],
            ["id"] = repo.Id,
            ["modelId"] = repo.Id,
            ["sha"] = repo.Sha,
            ["private"] = repo.Private,
            ["gated"] = repo.Gated ? "manual" : false,
            ["pipeline_tag"] = repo.PipelineTag,
            ["library_name"] = repo.Files.ContainsKey("model_index.json") ? "diffusers" : "transformers",
            ["cardData"] = repo.BaseModel is null ? new JsonObject() : new JsonObject { ["base_model"] = repo.BaseModel },
            ["siblings"] = new JsonArray([.. repo.Files.Keys.Order().Select(f => (JsonNode)new JsonObject { ["rfilename"] = f })]),
        };
        return Results.Text(info.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    private static Task Tree(HuggingFaceStandIn self, string id, HttpContext context)
    {
        var repo = Find(self, id, context, needsToken: r => r.Private);
        if (repo is null)
        {
            return Task.CompletedTask;
        }
        var entries = new JsonArray();
        foreach (var (path, bytes) in repo.Files.OrderBy(f => f.Key))
        {
            var entry = new JsonObject { ["type"] = "file", ["oid"] = Convert.ToHexStringLower(SHA1.HashData(bytes)), ["size"] = bytes.Length, ["path"] = path };
            if (path.EndsWith(".safetensors", StringComparison.Ordinal))
            {
                var sha = SHA256.HashData(repo.WrongHash ? [.. bytes, 0] : bytes);
                entry["lfs"] = new JsonObject { ["oid"] = Convert.ToHexStringLower(sha), ["size"] = bytes.Length, ["pointerSize"] = 134 };
            }
            entries.Add(entry);
        }
        return Results.Text(entries.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    /// <summary>The repo, or null after answering 404 (unknown) or 401 (a token is needed and missing).</summary>
    private static HfRepo? Find(HuggingFaceStandIn self, string id, HttpContext context, Func<HfRepo, bool> needsToken)
    {
        if (!self._repos.TryGetValue(id, out var repo))
        {
            Status(context, 404, "RepoNotFound");
            return null;
        }
        if (needsToken(repo) && context.Request.Headers.Authorization.ToString() != $"Bearer {ValidToken}")
        {
            Status(context, 401, repo.Gated ? "GatedRepo" : "RepoNotFound");
            return null;
        }
        return repo;
    }

    private static Task Status(HttpContext context, int status, string? errorCode)
    {
        context.Response.StatusCode = status;
        if (errorCode is not null)
        {
            context.Response.Headers["X-Error-Code"] = errorCode;
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
