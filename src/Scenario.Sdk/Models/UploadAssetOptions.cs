namespace Scenario.Models;

/// <summary>Options applied to the asset an upload creates. Not available for the model kind.</summary>
public sealed record UploadAssetOptions
{
    /// <summary>The collection ids to add the asset to.</summary>
    public IReadOnlyList<string>? CollectionIds { get; init; }

    /// <summary>Whether the asset should be hidden from the user.</summary>
    public bool? Hide { get; init; }

    /// <summary>The parent asset id.</summary>
    public string? ParentId { get; init; }
}
