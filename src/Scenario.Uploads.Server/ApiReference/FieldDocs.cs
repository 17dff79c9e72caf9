using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Http;
using Scenario.Uploads.Server.Wire;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>What a field's C# type cannot say: the values a string takes, and the reference's words for it.</summary>
internal sealed record FieldDoc(string? Description = null, IReadOnlyList<string>? Values = null);

/// <summary>
/// The fields that need a <see cref="FieldDoc"/>, by the type that holds them and their wire name. The value
/// lists are the Core's constants (the reference's values and our extensions, such as kind <c>text</c>), so
/// a value the service sends is never missing from the document.
/// </summary>
internal static class FieldDocs
{
    private static readonly string[] Sources = [UploadSources.Civitai, UploadSources.HuggingFace, UploadSources.Multipart, UploadSources.Other, UploadSources.Url];
    private static readonly string[] Statuses =
        [UploadStatuses.Complete, UploadStatuses.Failed, UploadStatuses.Imported, UploadStatuses.Pending, UploadStatuses.Validated, UploadStatuses.Validating];
    private static readonly string[] Providers = [UploadProviders.Civitai, UploadProviders.HuggingFace, UploadProviders.Other];
    private static readonly string[] JobStatusValues =
        [JobStatuses.Queued, JobStatuses.InProgress, JobStatuses.Success, JobStatuses.Failure, JobStatuses.Canceled];

    private static readonly FieldDoc Kind = new("The kind of the file once validated (example: \"model\")", UploadKinds.All);

    private static readonly Dictionary<(Type, string), FieldDoc> Docs = new()
    {
        [(typeof(UploadDto), "kind")] = Kind,
        [(typeof(UploadDto), "source")] = new(Values: Sources),
        [(typeof(UploadDto), "status")] = new(
            "`complete` is only read from databases of older versions: complete now answers `validating`.", Statuses),
        [(typeof(UploadDto), "provider")] = new(Values: Providers),
        [(typeof(UploadDto), "partSize")] = new("Our extension: the part size, once the first part fixed it."),
        [(typeof(UploadDto), "sha256")] = new("Our extension: the SHA-256 of the file, once validated."),
        [(typeof(UploadDto), "parts")] = new("While the upload is pending: every part, with a freshly signed URL. Not in lists."),
        [(typeof(UploadDto), "config")] = new("For a model: what validation learnt of its checkpoint."),
        [(typeof(PartDto), "uploaded")] = new("Our extension: whether the service holds this part."),
        [(typeof(PartDto), "size")] = new("Our extension: the part's size, once the part size is known."),
        [(typeof(PartDto), "etag")] = new("Our extension: the ETag of the part held (`xxh128-…`, or the store's on S3)."),
        [(typeof(AssetOptionsDto), "collectionIds")] = new("The collection ids to add the asset to (at most 100)."),
        [(typeof(AssetOptionsDto), "hide")] = new("Specify if the asset should be hidden from the user."),
        [(typeof(AssetOptionsDto), "parentId")] = new("The parentId of the asset."),
        [(typeof(UploadCreateParams), "kind")] = new(Values: UploadKinds.All),
        [(typeof(UploadTriggerActionParams), "action")] = new(Values: ["complete", "upload-complete", "abort"]),
        [(typeof(AssetDto), "kind")] = Kind,
        [(typeof(AssetDto), "url")] = new("A signed download URL that accepts Range requests."),
        [(typeof(ModelDto), "url")] = new("A signed download URL that accepts Range requests."),
        [(typeof(JobDto), "status")] = new(Values: JobStatusValues),
        [(typeof(JobDto), "progress")] = new("From 0 to 1."),
    };

    public static FieldDoc? Find(Type type, string wireName) => Docs.GetValueOrDefault((type, wireName));
}
