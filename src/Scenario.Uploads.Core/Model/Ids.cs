using System.Security.Cryptography;

namespace Scenario.Uploads.Model;

/// <summary>URL-safe identifiers with a readable prefix (<c>upload_…</c>, <c>asset_…</c>).</summary>
public static class Ids
{
    /// <summary>In ASCII order, so ids compare as their numbers do.</summary>
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private const int TimeDigits = 8;
    private const int RandomDigits = 14;

    /// <summary>
    /// 8 digits of the current millisecond, then 14 random ones (83 bits: still unguessable). Ids made later
    /// sort later, so a new row's id lands at the end of its index instead of on a random page: with fully
    /// random ids every create rewrote about two 4 KiB index pages somewhere in the database, which made
    /// the log (and the checkpoints that hold creates back) several times larger.
    /// </summary>
    public static string New(string prefix) => New(prefix, DateTimeOffset.UtcNow);

    public static string New(string prefix, DateTimeOffset now)
    {
        Span<char> digits = stackalloc char[TimeDigits + RandomDigits];
        var milliseconds = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        for (var i = TimeDigits - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(milliseconds % (ulong)Alphabet.Length)];
            milliseconds /= (ulong)Alphabet.Length;
        }
        RandomNumberGenerator.GetItems(Alphabet.AsSpan(), digits[TimeDigits..]);
        return string.Concat(prefix, "_", digits);
    }

    /// <summary>
    /// The entity an upload becomes has an id derived from the upload's, so a retried import step
    /// finds the entity it already created instead of creating a second one.
    /// </summary>
    public static string Derived(string prefix, string uploadId) =>
        prefix + "_" + uploadId[(uploadId.IndexOf('_') + 1)..];

    /// <summary>Ids are generated here; anything else in a path is rejected before reaching storage.</summary>
    /// <summary>The shape <see cref="LooksValid"/> accepts, as a regular expression (for the OpenAPI document).</summary>
    public const string Pattern = "^[A-Za-z0-9_-]{4,64}$";

    public const int MinLength = 4;
    public const int MaxLength = 64;

    public static bool LooksValid(string id) =>
        id.Length is >= MinLength and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
