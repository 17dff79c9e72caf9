using System.Text.Json;
using System.Text.Json.Nodes;
using Scenario.Core;
using Scenario.Models;
using Scenario.Sdk.Tests.Fakes;

namespace Scenario.Sdk.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void Every_field_of_the_reference_round_trips_unchanged()
    {
        var response = JsonSerializer.Deserialize<UploadRetrieveResponse>(Samples.FullUpload, ScenarioJson.Options)!;
        var written = JsonSerializer.Serialize(response, ScenarioJson.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.FullUpload), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Fields_get_their_dotnet_names_and_types()
    {
        var upload = JsonSerializer.Deserialize<UploadRetrieveResponse>(Samples.FullUpload, ScenarioJson.Options)!.Upload;

        Assert.Equal(UploadKind.Image, upload.Kind);
        Assert.Equal(UploadSource.Multipart, upload.Source);
        Assert.Equal(UploadStatus.Pending, upload.Status);
        Assert.Equal(UploadProvider.HuggingFace, upload.Provider);
        Assert.Equal(["col_1", "col_2"], upload.AssetOptions!.CollectionIds!);
        Assert.Equal(21474836480L, upload.FileSize);
        Assert.Equal(2, upload.PartsCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 30, 123, TimeSpan.Zero), upload.CreatedAt);
        Assert.True(upload.Parts![0].Uploaded);
        Assert.Equal(30, upload.Config!.Value.GetProperty("steps").GetInt32());
    }

    [Fact]
    public void Values_the_server_adds_later_are_kept_not_rejected()
    {
        var json = Samples.Upload(status: "quarantined").Replace("\"kind\":\"asset\"", "\"kind\":\"hologram\"");
        var upload = JsonSerializer.Deserialize<UploadRetrieveResponse>(json, ScenarioJson.Options)!.Upload;

        Assert.Equal("quarantined", upload.Status.Value);
        Assert.False(upload.Status.IsKnown);
        Assert.Equal("hologram", upload.Kind.Value);
        Assert.Contains("\"kind\":\"hologram\"", JsonSerializer.Serialize(upload, ScenarioJson.Options));
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var json = Samples.Upload(extra: ",\"somethingNew\":{\"x\":1},\"another\":[1,2]");

        var upload = JsonSerializer.Deserialize<UploadRetrieveResponse>(json, ScenarioJson.Options)!.Upload;

        Assert.Equal("upl_1", upload.Id);
    }

    [Fact]
    public void Create_params_omit_empty_fields_and_use_the_wire_names()
    {
        var body = new UploadCreateParams
        {
            FileName = "a.png",
            ContentType = "image/png",
            FileSize = 10,
            Parts = 1,
            Kind = UploadKind.ThreeD,
            AssetOptions = new UploadAssetOptions { CollectionIds = ["c"], Hide = true, ParentId = "p" },
        };

        var json = JsonSerializer.Serialize(body, ScenarioJson.Options);

        Assert.Equal(
            """{"assetOptions":{"collectionIds":["c"],"hide":true,"parentId":"p"},"contentType":"image/png","fileName":"a.png","fileSize":10,"kind":"3d","parts":1}""",
            json);
    }

    [Fact]
    public void Import_modes_serialize_their_own_field_names()
    {
        var json = JsonSerializer.Serialize(
            new UploadCreateParams { HuggingFaceModelName = "o/n", CivitaiModelUrl = "https://civitai.com/models/1", Url = "https://x/y" },
            ScenarioJson.Options);

        Assert.Equal("""{"civitaiModelUrl":"https://civitai.com/models/1","huggingFaceModelName":"o/n","url":"https://x/y"}""", json);
    }

    [Fact]
    public void Trigger_action_params_write_the_action()
    {
        var json = JsonSerializer.Serialize(new UploadTriggerActionParams { Action = UploadAction.Complete }, ScenarioJson.Options);

        Assert.Equal("""{"action":"complete"}""", json);
    }

    [Fact]
    public void A_missing_required_field_is_an_error()
    {
        Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize<UploadRetrieveResponse>("""{"upload":{"id":"x"}}""", ScenarioJson.Options));
    }
}
