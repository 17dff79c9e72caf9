using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>The end of every resumable upload test: the API shows the upload imported, and the stored file is the file sent.</summary>
public static class TusAssert
{
    /// <summary>
    /// Waits for the upload's end; it must be imported with the SHA-256 of <paramref name="bytes"/> (computed here),
    /// the given name and kind, and its asset's download must give back exactly those bytes (so neither the hash taken
    /// while receiving nor the store's assembly of chunks can be wrong unseen).
    /// </summary>
    public static async Task<Upload> ImportedAsync(UploadApi api, string uploadId, byte[] bytes, string fileName, string kind)
    {
        var done = await api.WaitForEndAsync(uploadId, TimeSpan.FromSeconds(90));
        Assert.True(done.Status == "imported", $"The upload ended {done.Status}: {done}");
        var sha256 = UploadApi.Sha256(bytes);
        Assert.Equal(sha256, done.Sha256);
        Assert.Equal(fileName, done.FileName);
        Assert.Equal(kind, done.Kind);
        Assert.Equal(bytes.LongLength, done.FileSize);
        var asset = (await api.GetJsonAsync($"v1/assets/{done.EntityId}")).GetProperty("asset");
        Assert.Equal(sha256, asset.GetProperty("sha256").GetString());
        using var anonymous = ServiceHost.CreateAnonymousClient();
        var stored = await anonymous.GetByteArrayAsync(asset.GetProperty("url").GetString());
        Assert.True(sha256 == Convert.ToHexStringLower(SHA256.HashData(stored)),
            $"The stored file ({stored.Length} bytes) differs from the {bytes.Length} bytes sent.");
        return done;
    }

    /// <summary>
    /// A refusal where the protocol leaves the body free: the status, problem+json with a stable code (the given one,
    /// when the test knows it) and a detail for the user.
    /// </summary>
    public static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected problem+json, got {response.Content.Headers.ContentType}: {body}");
        var problem = Problem.From(JsonDocument.Parse(body).RootElement);
        Assert.False(string.IsNullOrEmpty(problem.Code), body);
        if (code is not null)
        {
            Assert.Equal(code, problem.Code);
        }
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), body);
        return problem;
    }

    /// <summary>A tus refusal: as <see cref="ProblemAsync"/>, and with Tus-Resumable, which tus puts on every answer but OPTIONS'.</summary>
    public static async Task<Problem> TusProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var problem = await ProblemAsync(response, status, code);
        Assert.True(TusHttp.Header(response, "Tus-Resumable") == TusHttp.Version, $"The {(int)status} answer has no Tus-Resumable: 1.0.0.");
        return problem;
    }
}
