namespace Scenario.Uploads.Model;

/// <summary>The <c>kind</c> values of the reference: what the file becomes once validated.</summary>
public static class UploadKinds
{
    public const string ThreeD = KindNames.ThreeD;
    public const string Asset = KindNames.Asset;
    public const string Audio = KindNames.Audio;
    public const string Avatar = KindNames.Avatar;
    public const string Image = KindNames.Image;
    public const string Model = KindNames.Model;
    public const string Text = KindNames.Text;
    public const string Video = KindNames.Video;

    public static readonly IReadOnlyList<string> All = [ThreeD, Asset, Audio, Avatar, Image, Model, Text, Video];

    public static bool IsKnown(string value) => All.Contains(value, StringComparer.Ordinal);

    /// <summary>Kind <c>model</c> becomes a model; every other kind becomes an asset.</summary>
    public static bool ProducesAsset(string kind) => kind != Model;
}
