using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// The external provider a model was imported from.
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<UploadProvider>))]
public readonly record struct UploadProvider(string Value) : IStringValue<UploadProvider>
{
    /// <summary>civitai.com. Wire value <c>"civitai"</c>.</summary>
    public static UploadProvider Civitai { get; } = new("civitai");

    /// <summary>huggingface.co. Wire value <c>"huggingface"</c>.</summary>
    public static UploadProvider HuggingFace { get; } = new("huggingface");

    /// <summary>Any other provider. Wire value <c>"other"</c>.</summary>
    public static UploadProvider Other { get; } = new("other");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<UploadProvider> Known { get; } = [Civitai, HuggingFace, Other];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static UploadProvider From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator UploadProvider(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
