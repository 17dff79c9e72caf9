using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>Examples of the bodies, as a client sends them and as the service answers (ids and URLs shortened).</summary>
internal static class Examples
{
    public static Dictionary<string, IOpenApiExample> Create() => new()
    {
        ["multipart"] = Example("A 100 MiB image in 7 parts of 16 MiB", """
            {"fileName":"render.png","contentType":"image/png","fileSize":104857600,"parts":7,"kind":"image","assetOptions":{"collectionIds":["collection_0VcYq1pT9x7ZkQ4mWb2LrE"],"hide":false}}
            """),
        ["url"] = Example("An import from a URL", """{"url":"https://example.com/assets/castle.glb","kind":"3d"}"""),
        ["huggingFace"] = Example("A Hugging Face model", """{"huggingFaceModelName":"stabilityai/stable-diffusion-xl-base-1.0"}"""),
        ["civitai"] = Example("A Civitai model", """{"civitaiModelUrl":"https://civitai.com/models/370194/translucent-subsurface-scattering-test?modelVersionId=413566"}"""),
    };

    public static Dictionary<string, IOpenApiExample> Action() => new()
    {
        ["complete"] = Example("Every part is uploaded", """{"action":"complete"}"""),
        ["abort"] = Example("Give the upload up (our extension)", """{"action":"abort"}"""),
    };

    public static JsonNode PendingUpload() => JsonNode.Parse("""
        {"upload":{"id":"upload_0VcYpQVVtToEJ6tZi7b8AG","authorId":"author_x","createdAt":"2026-12-01T14:23:22.769Z","fileName":"render.png",
        "kind":"image","ownerId":"owner_x","source":"multipart","status":"pending","updatedAt":"2026-12-01T14:23:23.677Z",
        "contentType":"image/png","fileSize":6291456,"jobId":"job_0VcYpQVW4Oegq8LgiDGfFu","originalFileName":"render.png",
        "parts":[{"expires":"2026-12-01T15:23:23.677Z","number":1,"url":"http://127.0.0.1:5080/v1/uploads/upload_0VcYpQVVtToEJ6tZi7b8AG/parts/1?expires=1796138603&signature=WR2dVQ…",
        "uploaded":true,"size":5242880,"etag":"xxh128-406f9f21075f6da8383677757b4b1ad3"},
        {"expires":"2026-12-01T15:23:23.677Z","number":2,"url":"http://127.0.0.1:5080/v1/uploads/upload_0VcYpQVVtToEJ6tZi7b8AG/parts/2?expires=1796138603&signature=WNHWe3…",
        "uploaded":false,"size":1048576}],"partsCount":2,"partSize":5242880}}
        """)!;

    public static JsonNode ImportedUpload() => JsonNode.Parse("""
        {"upload":{"id":"upload_0VcYpQVVtToEJ6tZi7b8AG","authorId":"author_x","createdAt":"2026-12-01T14:23:22.769Z","fileName":"render.png",
        "kind":"image","ownerId":"owner_x","source":"multipart","status":"imported","updatedAt":"2026-12-01T14:23:24.036Z",
        "contentType":"image/png","entityId":"asset_0VcYpQVVtToEJ6tZi7b8AG","fileSize":6291456,"jobId":"job_0VcYpQVW4Oegq8LgiDGfFu",
        "originalFileName":"render.png","partsCount":2,"partSize":5242880,"sha256":"767e609e11de3392aad0889d66fdf870334496fc30e79255d4ebc11edd4f7ce3"}}
        """)!;

    private static OpenApiExample Example(string summary, string json) => new() { Summary = summary, Value = JsonNode.Parse(json) };
}
