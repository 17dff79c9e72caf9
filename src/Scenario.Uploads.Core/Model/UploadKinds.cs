namespace Scenario.Uploads.Model;

/// <summary>The <c>kind</c> values of the reference: what the file becomes once validated.</summary>
public static class UploadKinds
{
    public const string ThreeD = "3d";
    public const string Asset = "asset";
    public const string Audio = "audio";
    public const string Avatar = "avatar";
    public const string Image = "image";
    public const string Model = "model";
    public const string Text = "text";
    public const string Video = "video";

    public static readonly IReadOnlyList<string> All = [ThreeD, Asset, Audio, Avatar, Image, Model, Text, Video];

    public static bool IsKnown(string value) => All.Contains(value, StringComparer.Ordinal);

    /// <summary>Kind <c>model</c> becomes a model; every other kind becomes an asset.</summary>
    public static bool ProducesAsset(string kind) => kind != Model;
}
