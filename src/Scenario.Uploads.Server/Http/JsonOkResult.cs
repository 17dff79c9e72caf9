using Scenario.Uploads.Errors;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Scenario.Uploads.Server.Http;

/// <summary>
/// A 200 whose body is written by the serializer generated in <see cref="ApiJsonContext"/>, with the same
/// relaxed escaping as ASP.NET Core's own JSON results (a URL's <c>&amp;</c> stays <c>&amp;</c>, a file name
/// stays readable). <see cref="TypedResults.Ok{TValue}(TValue)"/> cannot use the generated code: System.Text.Json
/// only takes that fast path when the options have no encoder, and ASP.NET Core's have the relaxed one; the
/// slower, metadata-driven path costs a retrieve, the API's hottest answer, far more CPU.
/// </summary>
public sealed class JsonOkResult<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    private static readonly JsonTypeInfo<T> TypeInfo = (JsonTypeInfo<T>?)ApiJsonContext.Default.GetTypeInfo(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {nameof(ApiJsonContext)}.");

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    internal JsonOkResult(T value) => Value = value;

    public T Value { get; }

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        // The whole answer goes into the response's pipe before the one flush: at most the 10,000-part
        // upload's ~2.4 MB, which the DTOs being written already hold in memory.
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            if (TypeInfo.SerializeHandler is { } generated)
            {
                generated(writer, Value);
            }
            else
            {
                JsonSerializer.Serialize(writer, Value, TypeInfo);
            }
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>Creates <see cref="JsonOkResult{T}"/> answers.</summary>
public static class JsonOkResult
{
    public static JsonOkResult<T> Of<T>(T value) => new(value);
}
