using System.Security.Cryptography;

namespace Scenario.Uploads.Model;

/// <summary>Random, URL-safe identifiers with a readable prefix (<c>upload_…</c>, <c>asset_…</c>).</summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 22);

    /// <summary>
    /// The entity an upload becomes has an id derived from the upload's, so a retried import step
    /// finds the entity it already created instead of creating a second one.
    /// </summary>
    public static string Derived(string prefix, string uploadId) =>
        prefix + "_" + uploadId[(uploadId.IndexOf('_') + 1)..];

    /// <summary>Ids are generated here; anything else in a path is rejected before reaching storage.</summary>
    public static bool LooksValid(string id) =>
        id.Length is > 3 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
