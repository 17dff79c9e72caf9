using Scenario.Uploads.Model;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Parts;

/// <summary>
/// The part a PUT writes, once its URL checked out: the parsed request, its part number and the upload it
/// names. Immutable; what follows from them (the length, the part size) is derived here, in one place.
/// </summary>
internal sealed record PartWrite(PartTarget Target, int Number, UploadRecord Upload, IServicePartStore Store)
{
    /// <summary>The plan when an earlier part fixed the part size; null while the first part is still to come.</summary>
    public PartPlan? FixedPlan { get; } = Upload.Plan;

    public long FileSize => Upload.FileSize!.Value;

    public int PartsCount => Upload.PartsCount!.Value;

    /// <summary>The part's length: declared, or the one the fixed part size gives it; null when neither is known.</summary>
    public long? Length => Target.Request.ContentLength ?? FixedPlan?.SizeOf(Number);

    /// <summary>
    /// The part size this part implies by its length (or the one fixed before it, if the length agrees);
    /// meaningful once the part is in the plan and its length is known.
    /// </summary>
    public PartSizeResult ImpliedPartSize()
    {
        var length = Length ?? 0;
        return FixedPlan is { } known
            ? (length == known.SizeOf(Number) ? PartSizeResult.Ok(known.PartSize) : PartProblems.FixedSizeMismatch(known, Number))
            : PartPlan.PartSizeFor(FileSize, PartsCount, Number, length);
    }
}
