using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// Makes the generated schemas say what goes on the wire. The generator describes what the serializer would
/// accept; the answers are written with nulls left out and numbers as numbers (<c>ApiJsonContext</c>), so
/// no field is ever <c>null</c> and no number a string. Adds the value lists and words of <see cref="FieldDocs"/>,
/// and the bounds of <see cref="FieldLimits"/>.
/// </summary>
internal sealed class WireSchemaTransformer(IOptions<UploadsOptions> options) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        Narrow(schema);
        OmittedWhenNull(schema, context.JsonTypeInfo);
        if (schema.Properties is not { } properties)
        {
            return Task.CompletedTask;
        }
        foreach (var name in properties.Keys.ToList())
        {
            var property = WithoutNull(properties[name]);
            if (FieldDocs.Find(context.JsonTypeInfo.Type, name) is { } doc)
            {
                Document(property, doc);
            }
            if (property is OpenApiSchema inline && FieldLimits.Find(context.JsonTypeInfo.Type, name, options.Value.MaxFileSize) is { } limit)
            {
                limit.ApplyTo(inline);
            }
            properties[name] = property;
        }
        return Task.CompletedTask;
    }

    // A positional record's parameters are all "required" to the generator, but a null one is left out of
    // the answer: a field that can be null is one that can be missing.
    private static void OmittedWhenNull(OpenApiSchema schema, System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        if (schema.Required is not { Count: > 0 } required)
        {
            return;
        }
        foreach (var property in type.Properties)
        {
            if (Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable))
            {
                required.Remove(property.Name);
            }
        }
    }

    /// <summary>
    /// Again once the document is whole: the generator wraps a nullable property of a component type in
    /// "null or the type" when it makes the reference, after the schema transformers ran.
    /// </summary>
    public static void DropNullFromProperties(OpenApiSchema schema)
    {
        if (schema.Properties is { } properties)
        {
            foreach (var name in properties.Keys.ToList())
            {
                properties[name] = WithoutNull(properties[name]);
            }
        }
    }

    private static void Narrow(OpenApiSchema schema)
    {
        if (schema.Type is not { } type)
        {
            return;
        }
        if (type != JsonSchemaType.Null)
        {
            type &= ~JsonSchemaType.Null;
        }
        // "integer or a string of digits": what the reader accepts, never what the writer sends.
        if ((type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            type &= ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        schema.Type = type;
    }

    // A nullable object property is "null or the type" (oneOf); an omitted field is simply absent.
    private static IOpenApiSchema WithoutNull(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: [var first, var second] } union)
        {
            var other = first.Type == JsonSchemaType.Null ? second : second.Type == JsonSchemaType.Null ? first : null;
            if (other is not null)
            {
                var description = union.Description ?? other.Description;
                return other switch
                {
                    OpenApiSchemaReference reference => WithDescription(reference, description),
                    OpenApiSchema inline => WithDescription(inline, description),
                    _ => other,
                };
            }
        }
        return property;
    }

    private static OpenApiSchema WithDescription(OpenApiSchema schema, string? description)
    {
        schema.Description = description;
        return schema;
    }

    private static OpenApiSchemaReference WithDescription(OpenApiSchemaReference reference, string? description)
    {
        reference.Description = description;
        return reference;
    }

    private static void Document(IOpenApiSchema property, FieldDoc doc)
    {
        switch (property)
        {
            case OpenApiSchemaReference reference:
                reference.Description = doc.Description ?? reference.Description;
                break;
            case OpenApiSchema inline:
                inline.Description = doc.Description ?? inline.Description;
                if (doc.Values is { } values)
                {
                    inline.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
                }
                break;
        }
    }
}
