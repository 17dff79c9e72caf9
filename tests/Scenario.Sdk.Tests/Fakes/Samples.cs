namespace Scenario.Sdk.Tests.Fakes;

/// <summary>Wire payloads used by several tests.</summary>
public static class Samples
{
    /// <summary>Every field of the reference's Upload, plus this service's extensions, as the server writes them.</summary>
    public const string FullUpload = """
        {
          "upload": {
            "id": "upl_1",
            "authorId": "usr_1",
            "createdAt": "2026-11-22T10:15:30.123Z",
            "fileName": "low-res-image.jpg",
            "kind": "image",
            "ownerId": "own_1",
            "source": "multipart",
            "status": "pending",
            "updatedAt": "2026-11-22T10:15:31Z",
            "assetOptions": { "collectionIds": ["col_1", "col_2"], "hide": true, "parentId": "ast_0" },
            "config": { "steps": 30, "nested": { "a": [1, "b", null] } },
            "contentType": "image/jpeg",
            "entityId": "ast_1",
            "errorMessage": "nothing wrong",
            "fileSize": 21474836480,
            "jobId": "job_1",
            "originalFileName": "C:\\photos\\low-res-image.jpg",
            "parts": [
              { "expires": "2026-11-22T11:15:30.5Z", "number": 1, "url": "http://127.0.0.1:5080/v1/parts/a?sig=x", "uploaded": true, "size": 5242880, "etag": "\"abc\"" },
              { "expires": "2026-11-22T11:15:30.5Z", "number": 2, "url": "http://127.0.0.1:5080/v1/parts/b?sig=y" }
            ],
            "partsCount": 2,
            "provider": "huggingface",
            "url": "https://example.com/file.jpg",
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
          }
        }
        """;

    public static string Upload(string id = "upl_1", string status = "pending", string extra = "") =>
        "{\"upload\":{\"id\":\"" + id + "\",\"authorId\":\"a\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"fileName\":\"f.bin\"," +
        "\"kind\":\"asset\",\"ownerId\":\"o\",\"source\":\"multipart\",\"status\":\"" + status + "\"," +
        "\"updatedAt\":\"2026-01-01T00:00:00Z\"" + extra + "}}";

    public static string Problem(int status, string code, string detail) =>
        $$"""{"type":"about:blank","title":"Error","status":{{status}},"detail":"{{detail}}","reason":"{{detail}}","code":"{{code}}","traceId":"t-1"}""";
}
