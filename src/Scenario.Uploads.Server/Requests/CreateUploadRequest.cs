using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>
/// A create request that passed every check of the wire format: one type per way of creating an upload
/// the reference has, each holding exactly what that way needs, already normalised.
/// </summary>
public abstract record CreateUploadRequest(string Kind, AssetOptions? AssetOptions);

/// <summary>A multipart upload: the client sends the bytes in parts.</summary>
/// <param name="FileName">The safe base name (no path, no control characters).</param>
/// <param name="OriginalFileName">The name exactly as the client sent it.</param>
public sealed record MultipartCreate(
    string Kind, AssetOptions? AssetOptions, string FileName, string OriginalFileName, string ContentType, long FileSize, int Parts)
    : CreateUploadRequest(Kind, AssetOptions);

/// <summary>An import from any http(s) URL.</summary>
public sealed record UrlImport(string Kind, AssetOptions? AssetOptions, string Url) : CreateUploadRequest(Kind, AssetOptions);

/// <summary>An import of a Hugging Face model (<c>owner/name</c>, optionally <c>@revision</c>).</summary>
public sealed record HuggingFaceImport(string ModelName) : CreateUploadRequest(UploadKinds.Model, null);

/// <summary>An import of a Civitai model by its page URL.</summary>
public sealed record CivitaiImport(string ModelUrl) : CreateUploadRequest(UploadKinds.Model, null);
