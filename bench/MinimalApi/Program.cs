// GET /json?size=N and POST /json?size=N answer {"upload":{"id":…,"padding":"xxx…"}} of exactly N bytes
// (the size of the service's answer being compared), serialized on every request as the service does.
// PUT /drain reads a body of any size and does nothing with it: Kestrel's own cost per GiB received, with its
// defaults, the ceiling the service's part path is compared against (bench/run's in-memory case).
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/json", (int size) => Results.Json(Answer.Of(size)));
app.MapPost("/json", async (int size, HttpRequest request) =>
{
    // Read the body, as the service must.
    await request.Body.CopyToAsync(Stream.Null);
    return Results.Json(Answer.Of(size));
});
app.MapPut("/drain", async (HttpContext context) =>
{
    context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
    var body = context.Request.BodyReader;
    long received = 0;
    while (true)
    {
        var read = await body.ReadAsync();
        received += read.Buffer.Length;
        body.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            return Results.Text(received.ToString());
        }
    }
});
app.Run();

internal sealed record Upload(string Id, string Padding);

internal sealed record Answer(Upload Upload)
{
    // {"upload":{"id":"upload_0123456789","padding":""}} is 50 bytes.
    private const int Overhead = 50;

    public static Answer Of(int size) => new(new Upload("upload_0123456789", new string('x', Math.Max(0, size - Overhead))));
}
