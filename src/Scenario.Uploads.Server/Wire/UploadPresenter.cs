using System.Text.Json;
using Microsoft.Extensions.Options;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Options;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Wire;

/// <summary>Turns a stored upload into the reference's <c>Upload</c>, signing fresh part URLs while it is pending.</summary>
public sealed class UploadPresenter(IPartUrlSigner signer, IOptions<UploadsOptions> options, TimeProvider time)
{
    public UploadDto Present(UploadRecord upload, IReadOnlyList<PartRecord>? heldParts, string publicBaseUrl)
    {
        // An upload that tus or RUFH fills has no part URLs: its bytes go to /v1/tus.
        var pending = upload.Status == UploadStatuses.Pending && upload.PartsCount is not null && upload.Protocol is null;
        var plan = upload.Plan ?? (pending && heldParts is { Count: > 0 } ? PartPlan.Fit(upload.FileSize!.Value, upload.PartsCount!.Value, heldParts).Plan : null);
        return Present(upload, plan, pending ? heldParts ?? [] : null, publicBaseUrl);
    }

    /// <param name="plan">The plan as far as it is known: fixed by the first part, or seen in the parts a store holds.</param>
    /// <param name="heldParts">The parts held, while the upload is pending; null once it is not.</param>
    private UploadDto Present(UploadRecord upload, PartPlan? plan, IReadOnlyList<PartRecord>? heldParts, string publicBaseUrl) => new()
    {
        Id = upload.Id,
        AuthorId = upload.AuthorId,
        CreatedAt = Iso8601.Format(upload.CreatedAt),
        FileName = upload.FileName,
        Kind = upload.Kind,
        OwnerId = upload.OwnerId,
        Source = upload.Source,
        Status = upload.Status,
        UpdatedAt = Iso8601.Format(upload.UpdatedAt),
        AssetOptions = upload.AssetOptions is { } o ? new AssetOptionsDto(o.CollectionIds, o.Hide, o.ParentId) : null,
        Config = upload.ConfigJson is null ? null : JsonSerializer.Deserialize<JsonElement>(upload.ConfigJson),
        ContentType = upload.ContentType,
        EntityId = upload.Status == UploadStatuses.Imported ? upload.EntityId : null,
        ErrorMessage = upload.Status == UploadStatuses.Failed ? upload.ErrorMessage : null,
        FileSize = upload.FileSize,
        JobId = upload.JobId,
        OriginalFileName = upload.OriginalFileName,
        Parts = heldParts is null ? null : Parts(upload, plan, heldParts, publicBaseUrl),
        PartsCount = upload.PartsCount,
        PartSize = plan?.PartSize,
        Provider = upload.Provider,
        Url = upload.Url,
        Sha256 = upload.Sha256,
    };

    private List<PartDto> Parts(UploadRecord upload, PartPlan? plan, IReadOnlyList<PartRecord> held, string publicBaseUrl)
    {
        // One expiry for all parts, and never past the upload's own expiry.
        var expires = Min(time.GetUtcNow() + options.Value.PartUrlLifetime, upload.ExpiresAt);
        var expiresText = Iso8601.Format(expires);
        var heldByNumber = held.ToDictionary(p => p.Number);
        var count = upload.PartsCount!.Value;
        var parts = new List<PartDto>(count);
        for (var number = 1; number <= count; number++)
        {
            var url = signer.SignPartUrl(upload, number, expires, publicBaseUrl);
            var part = heldByNumber.GetValueOrDefault(number);
            // Until the part size is known, a part not yet held has no size to show.
            parts.Add(new PartDto(expiresText, number, url, part is not null, part?.Size ?? plan?.SizeOf(number), part?.ETag));
        }
        return parts;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
