using System.Text.Json.Serialization;
using Scenario.Core;

namespace Scenario.Models;

/// <summary>
/// The purpose of an uploaded file once validated (what it is imported as).
/// Open to values added by the server later: an unknown value is kept as is, never an error.
/// </summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(StringValueJsonConverter<UploadKind>))]
public readonly record struct UploadKind(string Value) : IStringValue<UploadKind>
{
    /// <summary>A 3D model file. Wire value <c>"3d"</c>.</summary>
    public static UploadKind ThreeD { get; } = new("3d");

    /// <summary>Any file, imported as a generic asset. Wire value <c>"asset"</c>.</summary>
    public static UploadKind Asset { get; } = new("asset");

    /// <summary>An audio file. Wire value <c>"audio"</c>.</summary>
    public static UploadKind Audio { get; } = new("audio");

    /// <summary>An avatar image. Wire value <c>"avatar"</c>.</summary>
    public static UploadKind Avatar { get; } = new("avatar");

    /// <summary>An image. Wire value <c>"image"</c>.</summary>
    public static UploadKind Image { get; } = new("image");

    /// <summary>A model (weights), imported as a model rather than an asset. Wire value <c>"model"</c>.</summary>
    public static UploadKind Model { get; } = new("model");

    /// <summary>A video file. Wire value <c>"video"</c>.</summary>
    public static UploadKind Video { get; } = new("video");

    /// <summary>UTF-8 text (plain text, Markdown, JSON, CSV…), imported as an asset. Wire value <c>"text"</c>.</summary>
    public static UploadKind Text { get; } = new("text");

    /// <summary>The values this version of the SDK knows about.</summary>
    public static IReadOnlyList<UploadKind> Known { get; } = [ThreeD, Asset, Audio, Avatar, Image, Model, Video, Text];

    /// <summary>Whether this is one of the <see cref="Known"/> values.</summary>
    public bool IsKnown => Known.Contains(this);

    /// <inheritdoc />
    public static UploadKind From(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator UploadKind(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
