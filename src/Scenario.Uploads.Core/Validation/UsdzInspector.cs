using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// USDZ: a zip whose first file is the USD layer (.usd, .usda or .usdc). Judged by its central
/// directory alone: what the archive declares it would expand to is capped, and so is any entry's
/// compression ratio, so a zip bomb is refused without inflating a byte of it.
/// </summary>
internal static class UsdzInspector
{
    /// <summary>What a USDZ may declare in total; real scenes are well under this.</summary>
    public const long MaxExpandedBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>Deflate compresses real assets a few times at best; a thousandfold ratio is a bomb.</summary>
    public const int MaxRatio = 1000;

    private static readonly string[] UsdExtensions = [".usd", ".usda", ".usdc"];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        if (!(await reader.HeadAsync()).Span.StartsWith("PK\x03\x04"u8))
        {
            return null;
        }
        var entries = await ZipDirectory.ReadAsync(reader);
        if (entries is null || !entries.Any(e => IsUsd(e.Name)))
        {
            return null;
        }
        return Detection.Of(FormatNames.ThreeD, "a USDZ model", Judge(entries));
    }

    private static FileInspection Judge(IReadOnlyList<ZipEntry> entries)
    {
        if (entries.Any(e => e.IsZip64))
        {
            return FileInspection.Invalid("The USDZ uses ZIP64 sizes (over 4 GiB per file), which this service does not accept.", "usdz");
        }
        var expanded = entries.Sum(e => e.UncompressedSize);
        var bomb = entries.FirstOrDefault(e => e.UncompressedSize > (e.CompressedSize + 1) * MaxRatio);
        if (expanded > MaxExpandedBytes || bomb is not null)
        {
            return FileInspection.Invalid(
                $"The USDZ is a zip bomb: its {entries.Count} files declare {expanded} bytes once expanded" +
                (bomb is null ? "" : $", and {bomb.Name} claims {bomb.UncompressedSize} bytes from {bomb.CompressedSize}") +
                ". It was refused without being expanded.", "usdz");
        }
        if (!IsUsd(entries[0].Name))
        {
            return FileInspection.Invalid(
                $"The USDZ's first file must be its USD layer (.usd, .usda or .usdc), but it is '{entries[0].Name}'. Package it again with usdzip.", "usdz");
        }
        return FileInspection.Valid("usdz", FormatNames.MimeOf("usdz"), new JsonObject
        {
            ["rootLayer"] = entries[0].Name,
            ["files"] = entries.Count,
            ["expandedBytes"] = expanded,
        });
    }

    private static bool IsUsd(string name) => UsdExtensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase));
}
