using System.Text.Json.Nodes;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Jobs;

/// <summary>
/// The <c>metadata</c> of an upload's finished job, in the shape Scenario's clients read: the created
/// entity under <c>output.entityId</c>, and the asset's id in <c>assetIds</c> (what its Blender and Unity
/// plugins take from every job) or the model's in <c>modelId</c>. Values that do not exist are left out,
/// never written as null.
/// </summary>
public static class JobMetadata
{
    public static string For(UploadRecord upload)
    {
        var input = new JsonObject { ["uploadId"] = upload.Id, ["kind"] = upload.Kind, ["source"] = upload.Source };
        var output = new JsonObject();
        var metadata = new JsonObject { ["uploadId"] = upload.Id, ["input"] = input, ["output"] = output };
        if (upload.EntityId is { } entityId)
        {
            output["entityId"] = entityId;
            metadata["entityId"] = entityId;
            if (UploadKinds.ProducesAsset(upload.Kind))
            {
                output["assetId"] = entityId;
                metadata["assetIds"] = new JsonArray(entityId);
            }
            else
            {
                output["modelId"] = entityId;
                metadata["modelId"] = entityId;
            }
        }
        if (upload.Sha256 is { } sha256)
        {
            output["sha256"] = sha256;
            metadata["sha256"] = sha256;
        }
        if (upload.Status == UploadStatuses.Failed && upload.ErrorMessage is { } error)
        {
            metadata["errorMessage"] = error;
        }
        return metadata.ToJsonString();
    }
}
