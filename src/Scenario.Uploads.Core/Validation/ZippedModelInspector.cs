using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Scenario.Uploads.Validation;

/// <summary>
/// Kind <c>model</c> sent as a .zip holding exactly one .safetensors file, as Scenario's older guide uploads a LoRA.
/// The archive is judged by its central directory first (names, encryption, declared sizes), so hostile archives
/// are refused without inflating a byte; the one checkpoint is then inflated as a stream, never extracted to disk,
/// and checked as a plain safetensors file is, plus its real size and CRC against what the zip declares.
/// </summary>
internal static class ZippedModelInspector
{
    /// <summary>
    /// What the archive may declare in total: above the largest single checkpoints published (about 24 GB), and
    /// with the ratio cap a bound on how long inflating can take.
    /// </summary>
    public const long MaxExpandedBytes = 64L * 1024 * 1024 * 1024;

    public const string WhatToSend = "Send the .safetensors file itself, or a .zip holding exactly one .safetensors file.";

    private const string Format = "zip";

    private static readonly string[] PickleExtensions = [".ckpt", ".pt", ".pth", ".bin", ".pkl", ".pickle"];

    public static async ValueTask<Detection?> TryDetectAsync(ContentReader reader)
    {
        // An empty zip is only an end record; it is still a zip sent as a model, and gets the same advice.
        var head = (await reader.HeadAsync()).Span;
        if (!head.StartsWith("PK\x03\x04"u8) && !head.StartsWith("PK\x05\x06"u8))
        {
            return null;
        }

        return Detection.Of(FormatNames.Model, "a zipped safetensors checkpoint", await InspectAsync(reader));
    }

    private static async ValueTask<FileInspection> InspectAsync(ContentReader reader)
    {
        // ZipArchive loads the whole central directory into memory; a huge one is refused before it is read.
        var directorySize = await ZipDirectory.DirectorySizeAsync(reader);
        if (directorySize > ZipDirectory.MaxDirectoryBytes)
        {
            return Refuse($"The zip's file list is {directorySize} bytes, more than the {ZipDirectory.MaxDirectoryBytes / (1024 * 1024)} MiB allowed; it holds far more files than a model needs.");
        }

        try
        {
            await using var archive = await ZipDirectory.OpenAsync(reader);
            var entries = archive.Entries;
            return Judge(entries) ?? await InspectEntryAsync(Checkpoint(entries), reader.CancellationToken);
        }
        catch (InvalidDataException)
        {
            return Refuse("The zip is damaged or compressed with a method other than store or deflate, so it cannot be read. Zip the file again.");
        }
    }

    /// <summary>A refusal from what the central directory declares, or null when it holds exactly one checkpoint.</summary>
    private static FileInspection? Judge(IReadOnlyCollection<ZipArchiveEntry> entries)
    {
        if (entries.FirstOrDefault(e => ZipEntryNames.IsUnsafe(e.FullName)) is { } unsafeEntry)
        {
            return Refuse($"The zip holds an entry named '{ZipEntryNames.Shown(unsafeEntry.FullName)}', a path that points outside the archive " +
                "(.., an absolute path, a backslash or a drive letter); it was refused without being expanded.");
        }

        if (entries.FirstOrDefault(e => e.IsEncrypted) is { } encrypted)
        {
            return Refuse($"The zip's '{ZipEntryNames.Shown(encrypted.FullName)}' is encrypted, and this service cannot read encrypted archives.");
        }

        var declared = ZipDeclaredSizes.Of(entries);
        if (declared.IsBomb(MaxExpandedBytes))
        {
            var bomb = declared.Bomb;
            return Refuse(
                $"The zip is a zip bomb: its {entries.Count} files declare {declared.Expanded} bytes once expanded" +
                (bomb is null ? "" : $", and '{ZipEntryNames.Shown(bomb.FullName)}' claims {bomb.Length} bytes from {bomb.CompressedLength}") +
                ". It was refused without being expanded.");
        }

        var files = entries.Where(e => !ZipEntryNames.IsJunk(e.FullName, e.Length)).ToList();
        if (files.FirstOrDefault(e => PickleExtensions.Any(x => e.FullName.EndsWith(x, StringComparison.OrdinalIgnoreCase))) is { } pickle)
        {
            return Refuse($"The zip holds '{ZipEntryNames.Shown(pickle.FullName)}', a pickle-based checkpoint. Pickle files can run arbitrary code " +
                "when loaded, so they are not accepted; convert it to safetensors.");
        }

        var checkpoints = files.Where(e => IsSafetensors(e.FullName)).ToList();
        if (files.FirstOrDefault(e => !IsSafetensors(e.FullName)) is { } other)
        {
            return Refuse($"The zip holds '{ZipEntryNames.Shown(other.FullName)}', which is not a .safetensors file; it must hold nothing else.");
        }

        return checkpoints.Count switch
        {
            0 => Refuse("The zip holds no .safetensors file."),
            1 => null,
            _ => Refuse($"The zip holds {checkpoints.Count} .safetensors files ({string.Join(", ", checkpoints.Take(3).Select(e => $"'{ZipEntryNames.Shown(e.FullName)}'"))}" +
                $"{(checkpoints.Count > 3 ? ", …" : "")}); it must hold exactly one."),
        };
    }

    private static ZipArchiveEntry Checkpoint(IEnumerable<ZipArchiveEntry> entries) =>
        entries.Single(e => !ZipEntryNames.IsJunk(e.FullName, e.Length) && IsSafetensors(e.FullName));

    /// <summary>
    /// Inflates the checkpoint once, front to back: the header is judged as it arrives and the tensor data is read
    /// through and dropped, which proves the entry really has the size the header's offsets were checked against.
    /// </summary>
    private static async ValueTask<FileInspection> InspectEntryAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var name = ZipEntryNames.Shown(entry.FullName);
        await using var inflating = await entry.OpenAsync(cancellationToken);
        var checksummed = new ChecksummingStream(inflating);
        var inspection = await SafetensorsInspector.InspectStreamAsync(checksummed, entry.Length, cancellationToken);
        if (!inspection.IsValid)
        {
            return FileInspection.Invalid($"The zip's '{name}' is not a sound safetensors file. {inspection.ErrorMessage}", "safetensors");
        }

        // One byte past the declared size is enough to prove the entry is longer than it says.
        var rest = entry.Length - checksummed.BytesRead + 1;
        var buffer = new byte[81920];
        while (rest > 0 && await checksummed.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, rest)), cancellationToken) is var read and > 0)
        {
            rest -= read;
        }

        if (checksummed.BytesRead != entry.Length)
        {
            var found = checksummed.BytesRead > entry.Length ? $"more than {entry.Length}" : $"{checksummed.BytesRead}";
            return Refuse($"The zip's '{name}' inflates to {found} bytes, but the zip declares {entry.Length}; the zip is damaged. Zip the file again.");
        }

        if (checksummed.Crc != entry.Crc32)
        {
            return Refuse($"The zip's '{name}' fails its CRC-32 check; the zip is damaged. Zip the file again.");
        }

        var metadata = (JsonObject)inspection.Metadata.DeepClone();
        metadata["container"] = Format;
        metadata["innerFile"] = entry.FullName;
        metadata["innerFileBytes"] = entry.Length;
        metadata["compressedBytes"] = entry.CompressedLength;
        return FileInspection.Valid(inspection.Format, FormatNames.MimeOf(Format), metadata);
    }

    private static bool IsSafetensors(string name) => name.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    private static FileInspection Refuse(string message) => FileInspection.Invalid($"{message} {WhatToSend}", Format);
}
