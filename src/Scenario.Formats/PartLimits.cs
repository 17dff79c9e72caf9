namespace Scenario.Formats;

/// <summary>
/// The limits of a part plan, which are S3's (so a plan accepted on local disk never fails on S3 later): the
/// service judges every create by them and the SDK plans by them. The upload page's copy
/// (src/Scenario.Uploads.Web/src/transfer/transferPolicy.json) is tested against these.
/// </summary>
public static class PartLimits
{
    /// <summary>The most parts an upload can have.</summary>
    public const int MaxParts = 10_000;

    /// <summary>The smallest size of a part that is not the last (5 MiB).</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>The largest size of any part (5 GiB).</summary>
    public const long MaxPartSize = 5L * 1024 * 1024 * 1024;
}
