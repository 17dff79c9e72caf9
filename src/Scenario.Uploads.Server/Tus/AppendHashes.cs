using System.Globalization;
using Scenario.Uploads.Server.Hashing;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// The SHA-256 of an appended upload's bytes so far, saved with its offset so that any instance continues it
/// (and validation reads none of the file again). A state saved by another OpenSSL version is not restored:
/// the upload's hash is then taken from the file at validation, as for a multipart upload.
/// </summary>
internal static class AppendHashes
{
    /// <summary>The state to continue from at <paramref name="offset"/>, or null when the bytes so far are not hashed.</summary>
    public static Sha256State? Resume(string? saved, long offset)
    {
        if (!Sha256State.IsAvailable)
        {
            return null;
        }
        if (offset == 0)
        {
            return Sha256State.Start();
        }
        // Anything else (another OpenSSL's layout, a torn value) is no state to continue: validation reads the file.
        var bytes = new byte[Sha256State.SavedLength];
        if (saved?.Split(':', 2) is [var version, var state]
            && ulong.TryParse(version, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var library)
            && library == Sha256State.LibraryVersion
            && Convert.TryFromBase64String(state, bytes, out var written) && written == bytes.Length)
        {
            return Sha256State.Import(bytes);
        }
        return null;
    }

    public static string? Save(Sha256State? state) =>
        state is null ? null : $"{Sha256State.LibraryVersion:x}:{Convert.ToBase64String(state.Export())}";

    /// <summary>The hex digest of the whole upload, from the state saved at its last byte.</summary>
    public static string? Digest(string? saved, long length) => Resume(saved, length)?.ToHex();
}
