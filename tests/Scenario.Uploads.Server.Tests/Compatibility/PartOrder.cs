namespace Scenario.Uploads.Server.Tests.Compatibility;

/// <summary>The orders in which real clients send their parts.</summary>
public enum PartOrder
{
    /// <summary>One after another, 1 to N (Scenario's Blender and Godot plugins).</summary>
    InOrder,

    /// <summary>All at once (S3 transfer managers, the documented TypeScript flow).</summary>
    Parallel,

    /// <summary>The short last part first, then the others: it alone fixes the part size by the remainder.</summary>
    LastFirst,
}
