using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Services;

/// <summary>The reference's <c>assetOptions</c>: collectionIds, hide, parentId.</summary>
public static class AssetOptionsParser
{
    private const int MaxCollections = 100;
    private const int MaxIdLength = 128;

    public static ParseResult<AssetOptions?> Parse(JsonFields fields)
    {
        var section = fields.Object("assetOptions");
        if (section.Error is { } error)
        {
            return ParseResult<AssetOptions?>.Fail(error.Code, error.Detail);
        }
        if (section.Value is not { } options)
        {
            return ParseResult<AssetOptions?>.Ok(null);
        }
        var collections = options.StringArray("collectionIds");
        var hide = options.Boolean("hide");
        var parent = options.String("parentId");
        var problem = new IParseResult[] { collections, hide, parent }.Select(r => r.Error).FirstOrDefault(e => e is not null);
        if (problem is not null)
        {
            return ParseResult<AssetOptions?>.Fail(problem.Code, "In assetOptions, " + problem.Detail);
        }
        if (collections.Value is { Count: > MaxCollections })
        {
            return ParseResult<AssetOptions?>.Fail(ErrorCodes.InvalidField, $"assetOptions.collectionIds may hold at most {MaxCollections} ids.");
        }
        var ids = (collections.Value ?? []).Append(parent.Value ?? "x");
        if (ids.Any(id => id.Length is 0 or > MaxIdLength || id.Any(char.IsControl)))
        {
            return ParseResult<AssetOptions?>.Fail(ErrorCodes.InvalidField,
                $"assetOptions ids must be 1 to {MaxIdLength} characters without control characters.");
        }
        return ParseResult<AssetOptions?>.Ok(new AssetOptions(collections.Value, hide.Value, parent.Value));
    }
}
