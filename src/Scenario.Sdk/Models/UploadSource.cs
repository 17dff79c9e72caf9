using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// Where the bytes of an upload come from.
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<UploadSource>))]
public readonly record struct UploadSource(string Value) : IStringValue<UploadSource>
{
    /// <summary>Imported from civitai.com. Wire value <c>"civitai"</c>.</summary>
    public static UploadSource Civitai { get; } = new("civitai");

    /// <summary>Imported from huggingface.co. Wire value <c>"huggingface"</c>.</summary>
    public static UploadSource HuggingFace { get; } = new("huggingface");

    /// <summary>Sent by the client in parts. Wire value <c>"multipart"</c>.</summary>
    public static UploadSource Multipart { get; } = new("multipart");

    /// <summary>Any other source. Wire value <c>"other"</c>.</summary>
    public static UploadSource Other { get; } = new("other");

    /// <summary>Downloaded from a URL. Wire value <c>"url"</c>.</summary>
    public static UploadSource Url { get; } = new("url");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<UploadSource> Known { get; } = [Civitai, HuggingFace, Multipart, Other, Url];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static UploadSource From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator UploadSource(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
