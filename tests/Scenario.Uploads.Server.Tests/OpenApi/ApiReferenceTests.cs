using Scenario.Uploads.Server.Wire;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scenario.Testing;
using Scenario.Uploads.Errors;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>/openapi/v1.json says what the reference says, and /docs shows it with nothing from another origin.</summary>
public sealed partial class ApiReferenceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] ReferenceUploadFields =
    [
        "id", "authorId", "createdAt", "fileName", "kind", "ownerId", "source", "status", "updatedAt", "assetOptions", "config",
        "contentType", "entityId", "errorMessage", "fileSize", "jobId", "originalFileName", "parts", "partsCount", "provider", "url",
    ];

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_and_names_describes_and_secures_every_operation()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("basic", schemes["apiKey"]!["scheme"]!.GetValue<string>());
        Assert.Equal("query", schemes["signedUrl"]!["in"]!.GetValue<string>());
        var operations = new OpenApiContract(document.ToJsonString()).Operations().ToList();
        // The API's 11, and tus/RUFH's 5.
        Assert.Equal(16, operations.Count);
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrEmpty(operation["operationId"]?.GetValue<string>()), $"{method} {path}");
            Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path}");
            Assert.NotEmpty(operation["tags"]!.AsArray());
            var scheme = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).SingleOrDefault();
            // tus's discovery (OPTIONS) says what the server speaks, nothing of anyone's uploads: no credentials.
            var expected = path.StartsWith("/v1/files/", StringComparison.Ordinal) || path.Contains("/parts/", StringComparison.Ordinal) ? "signedUrl"
                : method == "options" ? null
                : path.StartsWith("/v1/", StringComparison.Ordinal) ? "apiKey" : null;
            Assert.True(expected == scheme, $"{method} {path}: security {scheme}, expected {expected}");
        }
    }

    [Fact]
    public async Task Schemas_carry_the_reference_names_and_types()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        foreach (var name in new[] { "Upload", "UploadCreateParams", "UploadCreateResponse", "UploadRetrieveResponse", "UploadTriggerActionParams", "UploadTriggerActionResponse", "UploadPart", "UploadAssetOptions" })
        {
            Assert.True(schemas.ContainsKey(name), $"no schema {name}");
        }
        Assert.DoesNotContain(schemas, s => s.Key.EndsWith("Dto", StringComparison.Ordinal) || s.Key.EndsWith("Envelope", StringComparison.Ordinal));
        var upload = schemas["Upload"]!.AsObject();
        var properties = upload["properties"]!.AsObject();
        Assert.All(ReferenceUploadFields, f => Assert.True(properties.ContainsKey(f), $"Upload has no {f}"));
        Assert.Equal(["id", "authorId", "createdAt", "fileName", "kind", "ownerId", "source", "status", "updatedAt"], upload["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("integer", properties["fileSize"]!["type"]!.GetValue<string>());
        Assert.Equal("string", properties["createdAt"]!["type"]!.GetValue<string>());
        Assert.Superset(new HashSet<string> { "3d", "asset", "audio", "avatar", "image", "model", "video" }, Values(properties["kind"]!));
        Assert.Equal(["civitai", "huggingface", "multipart", "other", "url"], Values(properties["source"]!).Order());
        Assert.Equal(["civitai", "huggingface", "other"], Values(properties["provider"]!).Order());
        Assert.Equal("#/components/schemas/UploadPart", properties["parts"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Superset(new HashSet<string> { "expires", "number", "url" }, schemas["UploadPart"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet());
        var create = schemas["UploadCreateParams"]!["properties"]!;
        Assert.Equal(1, create["parts"]!["minimum"]!.GetValue<int>());
        Assert.Equal(10000, create["parts"]!["maximum"]!.GetValue<int>());
        var createOperation = document["paths"]!["/v1/uploads"]!["post"]!;
        Assert.Equal("#/components/schemas/UploadCreateParams", createOperation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/UploadCreateResponse", createOperation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.DoesNotContain("\"null\"", document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_error_code_is_listed_by_an_operation_under_its_status()
    {
        var document = await DocumentAsync();
        var listed = new HashSet<string>();
        foreach (var (path, method, operation) in new OpenApiContract(document.ToJsonString()).Operations())
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (response!["content"]?["application/problem+json"]?["schema"]?["allOf"]?[1]?["properties"]?["code"]?["enum"] is JsonArray codes)
                {
                    foreach (var code in codes.Select(c => c!.GetValue<string>()))
                    {
                        Assert.True(ErrorStatuses.Of(code).ToString(System.Globalization.CultureInfo.InvariantCulture) == status, $"{method} {path}: {code} under {status}");
                        listed.Add(code);
                    }
                }
            }
        }
        // A new code must be added to an operation of ApiReference/OperationDocs.cs, or the document hides it.
        Assert.Empty(ErrorStatuses.All.Keys.Except(listed));
    }

    [Fact]
    public async Task Every_example_of_the_document_is_valid_against_its_schema()
    {
        var document = await DocumentAsync();
        var contract = new OpenApiContract(document.ToJsonString());
        var checkedExamples = 0;
        foreach (var (path, method, operation) in contract.Operations())
        {
            var bodies = operation["responses"]!.AsObject().Select(r => (Where: $"{r.Key}", Content: r.Value!["content"]))
                .Append((Where: "request", Content: operation["requestBody"]?["content"]));
            foreach (var (where, content) in bodies)
            {
                foreach (var (mediaType, media) in content?.AsObject() ?? [])
                {
                    var examples = (media!["examples"]?.AsObject().Select(e => e.Value!["value"]) ?? []).Append(media["example"]).OfType<JsonNode>();
                    foreach (var example in examples)
                    {
                        Assert.True(contract.Validate(media["schema"]!, example.ToJsonString()) is null, $"{method} {path} {where} {mediaType}: {contract.Validate(media["schema"]!, example.ToJsonString())}");
                        checkedExamples++;
                    }
                }
            }
        }
        Assert.True(checkedExamples > 20, $"only {checkedExamples} examples");
    }

    [Fact]
    public async Task The_docs_page_loads_only_files_of_this_origin_under_a_self_only_policy()
    {
        using var client = ServiceHost.CreateAnonymousClient();
        var response = await client.GetAsync(new Uri(fixture.Host.BaseUrl, "docs"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains(':', StringComparison.Ordinal) && v is not ("data:" or "blob:") || v == "*");
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Matches("<div id=\"app\" data-document=\"/openapi/v1.json\">", html);
        var scripts = ScriptTag().Matches(html).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.All(scripts, s => Assert.True(s.Groups["body"].Value.Trim().Length == 0, $"an inline script: {s.Value}"));
        // The icon is an empty data: URL, so that the browser does not ask for /favicon.ico.
        foreach (var url in Attributes().Matches(html).Select(m => m.Groups["url"].Value).Where(u => u != "data:,"))
        {
            Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal), $"{url} is not on this origin");
            var file = await client.GetAsync(new Uri(fixture.Host.BaseUrl, url));
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("text/javascript", file.Content.Headers.ContentType?.MediaType);
            Assert.Contains("createApiReference", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_Scalar_bundle_is_sent_gzipped_to_those_who_take_it()
    {
        using var client = ServiceHost.CreateAnonymousClient();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Host.BaseUrl, "docs/scalar.js"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal([0x1f, 0x8b], bytes[..2]);
    }

    [Fact]
    public async Task An_unknown_path_points_at_the_reference()
    {
        using var client = ServiceHost.CreateAnonymousClient();
        var response = await client.GetAsync(new Uri(fixture.Host.BaseUrl, "v1/nothing-here"));
        var problem = await UploadApi.ReadJson(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/docs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turned_off_the_document_and_the_page_are_unknown_paths()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions { Settings = new Dictionary<string, string> { ["Api:Reference:Enabled"] = "false" } });
        using var client = ServiceHost.CreateAnonymousClient();

        foreach (var path in new[] { "openapi/v1.json", "docs", "docs/scalar.js", "docs/reference.js" })
        {
            var response = await client.GetAsync(new Uri(host.BaseUrl, path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found", (await UploadApi.ReadJson(response)).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(host.BaseUrl, "healthz"))).StatusCode);
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = ServiceHost.CreateAnonymousClient();
        var response = await client.GetAsync(new Uri(fixture.Host.BaseUrl, "openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static HashSet<string> Values(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(v => v!.GetValue<string>())];

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]*)\"")]
    private static partial Regex Attributes();
}
