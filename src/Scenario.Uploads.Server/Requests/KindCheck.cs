using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>The checks on <c>kind</c> and <c>assetOptions</c> that every mode shares.</summary>
internal static class KindCheck
{
    public static Problem? Check(string? kind, AssetOptions? assetOptions, bool required)
    {
        if (kind is null)
        {
            return required
                ? new Problem(ErrorCodes.MissingField, $"'kind' is required: one of {string.Join(", ", UploadKinds.All)}.")
                : null;
        }
        if (!UploadKinds.IsKnown(kind))
        {
            return new Problem(ErrorCodes.InvalidKind, $"'kind' must be one of {string.Join(", ", UploadKinds.All)}; got '{Shorten(kind)}'.");
        }
        if (kind == UploadKinds.Model && assetOptions is not null)
        {
            return new Problem(ErrorCodes.AssetOptionsNotAllowed,
                "assetOptions is not available for kind model: a model is not an asset. Remove assetOptions.");
        }
        return null;
    }

    /// <summary>A value short enough to quote in a problem, never cut inside a surrogate pair.</summary>
    public static string Shorten(string value) =>
        value.Length <= 40 ? value : value[..(char.IsHighSurrogate(value[39]) ? 39 : 40)] + "…";
}
