namespace Scenario.Uploads.Server.Http;

/// <summary>
/// GET endpoints that answer HEAD too. RFC 9110 §9.3.2: HEAD is GET without the content, with the header fields
/// a GET would have; minimal APIs route only the methods they are given, so a HEAD on a <c>MapGet</c> route was
/// a 405. Kestrel drops whatever a handler writes to a HEAD's body, and file results do not read the file
/// for one, so the handlers stay as they are. The OpenAPI document lists the GET only: HEAD goes with it.
/// </summary>
public static class GetAndHead
{
    public static readonly IReadOnlyList<string> Methods = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, Methods, handler);

    /// <summary>For a GET a library maps (the OpenAPI document, the metrics scrape): routing reads the last methods given.</summary>
    public static TBuilder AnswerHeadToo<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpMethodMetadata(Methods));
}
