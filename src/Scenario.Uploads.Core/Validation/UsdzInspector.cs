using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// USDZ: a zip whose first file is the USD layer (.usd, .usda or .usdc). Judged by its central
/// directory alone: what the archive declares it would expand to is capped, and so is any entry's
/// compression ratio, so a zip bomb is refused without inflating a byte of it. ZIP64 archives
/// (more than 65,535 files, or 64-bit sizes) are read like any other.
/// </summary>
internal static class UsdzInspector
{
    /// <summary>What a USDZ may declare in total; real scenes are well under this.</summary>
    public const long MaxExpandedBytes = 4L * 1024 * 1024 * 1024;

    private static readonly string[] UsdExtensions = [".usd", ".usda", ".usdc"];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        if (!(await reader.HeadAsync()).Span.StartsWith("PK\x03\x04"u8))
        {
            return null;
        }
        // A directory too big to hold in memory is not read, so such a file is not taken for a USDZ; nor is one without an end record.
        if (await ZipDirectory.DirectorySizeAsync(reader) is not { } size || size > ZipDirectory.MaxDirectoryBytes)
        {
            return null;
        }
        try
        {
            await using var archive = await ZipDirectory.OpenAsync(reader);
            var entries = archive.Entries;
            return entries.Any(e => IsUsd(e.FullName)) ? Detection.Of(FormatNames.ThreeD, "a USDZ model", Judge(entries)) : null;
        }
        catch (InvalidDataException)
        {
            // Not a readable zip, so not a USDZ; the detectors after this one may still recognise the bytes.
            return null;
        }
    }

    private static FileInspection Judge(IReadOnlyList<ZipArchiveEntry> entries)
    {
        var declared = ZipDeclaredSizes.Of(entries);
        if (declared.IsBomb(MaxExpandedBytes))
        {
            var bomb = declared.Bomb;
            return FileInspection.Invalid(
                $"The USDZ is a zip bomb: its {entries.Count} files declare {declared.Expanded} bytes once expanded" +
                (bomb is null ? "" : $", and {ZipEntryNames.Shown(bomb.FullName)} claims {bomb.Length} bytes from {bomb.CompressedLength}") +
                ". It was refused without being expanded.", "usdz");
        }
        var root = entries[0].FullName;
        if (!IsUsd(root))
        {
            return FileInspection.Invalid(
                $"The USDZ's first file must be its USD layer (.usd, .usda or .usdc), but it is '{ZipEntryNames.Shown(root)}'. Package it again with usdzip.", "usdz");
        }
        return FileInspection.Valid("usdz", FormatNames.MimeOf("usdz"), new JsonObject
        {
            ["rootLayer"] = root,
            ["files"] = entries.Count,
            // At most MaxExpandedBytes here, so it fits the long the metadata has always carried.
            ["expandedBytes"] = (long)declared.Expanded,
        });
    }

    private static bool IsUsd(string name) => UsdExtensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase));
}
