using Scenario.Uploads.Errors;
using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Requests;

/// <summary>The reference's <c>assetOptions</c>: collectionIds, hide, parentId.</summary>
public static class AssetOptionsParser
{
    public const int MaxCollections = 100;

    public static Result<AssetOptions?> Parse(JsonFields fields)
    {
        var section = fields.Object("assetOptions");
        if (section.Error is { } error)
        {
            return Result<AssetOptions?>.Fail(error.Code, error.Detail);
        }
        if (section.Value is not { } options)
        {
            return Result<AssetOptions?>.Ok(null);
        }
        var collections = options.StringArray("collectionIds");
        var hide = options.Boolean("hide");
        var parent = options.String("parentId");
        var problem = new IFallible[] { collections, hide, parent }.Select(r => r.Error).FirstOrDefault(e => e is not null);
        if (problem is not null)
        {
            return Result<AssetOptions?>.Fail(problem.Code, "In assetOptions, " + problem.Detail);
        }
        if (collections.Value is { Count: > MaxCollections })
        {
            return Result<AssetOptions?>.Fail(ErrorCodes.InvalidField, $"assetOptions.collectionIds may hold at most {MaxCollections} ids.");
        }
        // Ids go back out in answers and into queries: only the shape ids have (a prefix, '_', letters and digits).
        if (parent.Value is { } parentId && !Ids.LooksValid(parentId))
        {
            return NotAnId("assetOptions.parentId", parentId);
        }
        if (collections.Value?.Select((id, index) => (id, index)).FirstOrDefault(c => !Ids.LooksValid(c.id)) is { id: not null } collection)
        {
            return NotAnId($"assetOptions.collectionIds[{collection.index}]", collection.id);
        }
        return Result<AssetOptions?>.Ok(new AssetOptions(collections.Value, hide.Value, parent.Value));
    }

    private static Result<AssetOptions?> NotAnId(string field, string value) =>
        Result<AssetOptions?>.Fail(ErrorCodes.InvalidField,
            $"'{field}' must be an id such as asset_0VcY5yO1FGVv3i5iAGUnzn: 4 to 64 ASCII letters, digits, '_' or '-'; got '{KindCheck.Shorten(value)}'.");
}
