namespace Scenario.Formats;

/// <summary>The upload kinds, as the API spells them.</summary>
public static class KindNames
{
    /// <summary>A 3D model (GLB, glTF, OBJ, FBX, PLY, STL, USDZ).</summary>
    public const string ThreeD = "3d";

    /// <summary>Any file.</summary>
    public const string Asset = "asset";

    /// <summary>Audio.</summary>
    public const string Audio = "audio";

    /// <summary>An image used as an avatar.</summary>
    public const string Avatar = "avatar";

    /// <summary>An image.</summary>
    public const string Image = "image";

    /// <summary>A safetensors checkpoint, which becomes a model.</summary>
    public const string Model = "model";

    /// <summary>UTF-8 text.</summary>
    public const string Text = "text";

    /// <summary>Video.</summary>
    public const string Video = "video";
}
