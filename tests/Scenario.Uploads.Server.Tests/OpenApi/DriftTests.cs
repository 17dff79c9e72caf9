using System.Text.Json.Nodes;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.OpenApi;

/// <summary>
/// The drift test: every answer the functional flows got from the service must be what /openapi/v1.json
/// says, status, media type and body (validated against the declared schema), so the document cannot
/// drift from the code; and the checker itself must refuse a renamed field, a changed type and an unlisted code.
/// </summary>
public sealed class DriftTests(DriftFixture fixture) : IClassFixture<DriftFixture>
{
    [Fact]
    public void Every_recorded_answer_matches_the_document()
    {
        var recorded = fixture.Recorded.ToList();
        var failures = recorded.Select(fixture.Contract.Check).OfType<string>().ToList();
        TestContext.Current.SendDiagnosticMessage($"Drift test: {recorded.Count} answers checked against /openapi/v1.json, {recorded.Count(r => r.IsJson)} bodies validated.");
        Console.WriteLine($"Drift test: {recorded.Count} answers checked against /openapi/v1.json, {recorded.Count(r => r.IsJson)} bodies validated.");
        Assert.True(recorded.Count > 0, "The flows recorded no answer.");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void The_flows_reach_every_operation_of_the_document()
    {
        var reached = fixture.Recorded
            .Select(r => fixture.Contract.Find(r.Method, r.Path))
            .OfType<(string Template, JsonObject Operation)>()
            .Select(f => f.Operation["operationId"]!.GetValue<string>())
            .ToHashSet();
        // On S3 the part and download URLs are the store's: it answers them, not the service.
        var all = fixture.Contract.Operations().Select(o => o.Operation["operationId"]!.GetValue<string>())
            .Where(id => TestBackend.PartsGoThroughService || id is not ("putUploadPart" or "downloadFile")).ToList();
        var missed = all.Where(id => !reached.Contains(id)).ToList();
        Assert.True(missed.Count == 0, $"Not reached by the flows: {string.Join(", ", missed)}");
    }

    [Fact]
    public void The_flows_meet_the_client_errors_of_the_suite()
    {
        var statuses = fixture.Recorded.Select(r => r.Status).ToHashSet();
        int[] expected = TestBackend.PartsGoThroughService ? [200, 206, 400, 401, 403, 404, 409, 411, 413, 416] : [200, 400, 401, 403, 404, 409, 413];
        var missing = expected.Where(s => !statuses.Contains(s)).ToList();
        Assert.True(missing.Count == 0, $"No answer with {string.Join(", ", missing)}; got {string.Join(", ", statuses.Order())}");
    }

    [Fact]
    public void A_renamed_field_is_refused()
    {
        var upload = RecordedUpload();
        upload["upload"]!["filename"] = upload["upload"]!["fileName"]!.DeepClone();
        upload["upload"]!.AsObject().Remove("fileName");
        Assert.NotNull(fixture.Contract.Validate(fixture.Contract.Component("UploadRetrieveResponse"), upload.ToJsonString()));
    }

    [Fact]
    public void A_renamed_optional_field_is_refused()
    {
        var upload = RecordedUpload();
        upload["upload"]!["parts_count"] = upload["upload"]!["partsCount"]!.DeepClone();
        upload["upload"]!.AsObject().Remove("partsCount");
        Assert.NotNull(fixture.Contract.Validate(fixture.Contract.Component("UploadRetrieveResponse"), upload.ToJsonString()));
    }

    [Fact]
    public void A_field_of_another_type_is_refused()
    {
        var upload = RecordedUpload();
        upload["upload"]!["fileSize"] = upload["upload"]!["fileSize"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(fixture.Contract.Validate(fixture.Contract.Component("UploadRetrieveResponse"), upload.ToJsonString()));
        var unaltered = RecordedUpload();
        Assert.Null(fixture.Contract.Validate(fixture.Contract.Component("UploadRetrieveResponse"), unaltered.ToJsonString()));
    }

    [Fact]
    public void A_value_outside_the_enum_is_refused()
    {
        var upload = RecordedUpload();
        upload["upload"]!["status"] = "finished";
        Assert.NotNull(fixture.Contract.Validate(fixture.Contract.Component("UploadRetrieveResponse"), upload.ToJsonString()));
    }

    [Fact]
    public void A_problem_code_the_operation_does_not_list_is_refused()
    {
        var notFound = fixture.Recorded.First(r => r.Status == 404 && r.Path.StartsWith("/v1/assets/", StringComparison.Ordinal));
        Assert.Null(fixture.Contract.Check(notFound));
        var altered = JsonNode.Parse(notFound.Body)!;
        altered["code"] = "upload_failed";
        var failure = fixture.Contract.Check(notFound with { Body = altered.ToJsonString() });
        Assert.NotNull(failure);
        Assert.Contains("/code", failure);
    }

    [Fact]
    public void An_undeclared_status_is_refused()
    {
        var notFound = fixture.Recorded.First(r => r.Status == 404 && r.Path.StartsWith("/v1/assets/", StringComparison.Ordinal));
        Assert.Contains("declares no 409", fixture.Contract.Check(notFound with { Status = 409 }));
    }

    private JsonNode RecordedUpload()
    {
        var retrieved = fixture.Recorded.First(r => r.Method == "GET" && r.Status == 200 && r.Path.StartsWith("/v1/uploads/", StringComparison.Ordinal)
            && JsonNode.Parse(r.Body)!["upload"]!["partsCount"] is not null && JsonNode.Parse(r.Body)!["upload"]!["fileSize"] is not null);
        return JsonNode.Parse(retrieved.Body)!;
    }
}
