using System.Globalization;
using System.Text;
using System.Text.Json;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 4: <c>wrk -t2 -c64 -d5s</c> on <c>GET /v1/uploads/{id}</c> and <c>POST /v1/uploads</c> (8 parts) against a
/// minimal ASP.NET Core endpoint answering JSON of the same size: requests per second and p99.
/// </summary>
internal sealed class ApiCase(BenchContext bench)
{
    private static readonly string Auth = $"Authorization: Basic {Service.BasicAuth}";

    public async Task RunAsync()
    {
        var service = bench.New(bench.Disk);
        var turn = bench.TurnOn(bench.Disk);
        var json = await Curl.CreateUploadAsync(service, 8L * 8 * 1024 * 1024, 8);
        var id = Curl.IdOf(json);
        var getSize = Encoding.UTF8.GetByteCount(await Curl.ApiAsync(service, $"{service.Url}/v1/uploads/{id}"));
        var createSize = Encoding.UTF8.GetByteCount(json.TrimEnd('\n')) + 1; // as it was always counted: with one newline
        var post = Path.Combine(bench.Settings.Scratch, "post.lua");
        var body = Curl.CreateBody("bench.bin", 8L * 8 * 1024 * 1024, 8);
        await File.WriteAllTextAsync(post, $"wrk.method = \"POST\"\nwrk.body = {LuaString(body)}\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        turn.Record("size.get", getSize);
        turn.Record("size.create", createSize);
        var endpoints = new (string Label, string Url, bool Authorized, string? Script)[]
        {
            ("get.service", $"{service.Url}/v1/uploads/{id}", true, null),
            ("get.minimal", $"http://127.0.0.1:{Servers.MinimalPort}/json?size={getSize}", false, null),
            ("create.service", $"{service.Url}/v1/uploads", true, post),
            ("create.minimal", $"http://127.0.0.1:{Servers.MinimalPort}/json?size={createSize}", false, post),
        };
        // The measured runs send the credentials to the minimal endpoint too (it ignores them), so both carry the same header.
        // Untimed warm-up of each endpoint under the same load: on 2 busy cores .NET's tiered JIT needs several
        // seconds to reach steady code, for the service and the minimal endpoint alike.
        foreach (var endpoint in endpoints)
        {
            await Proc.RunAsync("wrk", ["-t2", "-c64", $"-d{bench.Settings.WarmupSeconds}s", .. endpoint.Authorized ? (string[])["-H", Auth] : [],
                .. Script(endpoint.Script), endpoint.Url]);
        }
        for (var i = 0; i < bench.Settings.Reps; i++)
        {
            foreach (var endpoint in endpoints)
            {
                await MeasureAsync(turn, endpoint.Label, endpoint.Url, ["-H", Auth, .. Script(endpoint.Script)]);
            }
        }
    }

    /// <summary>A Lua string literal (wrk's LuaJIT knows \" but not JSON's \u0022).</summary>
    private static string LuaString(string text) =>
        JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string[] Script(string? script) => script is null ? [] : ["-s", script];

    private static async Task MeasureAsync(Turn turn, string label, string url, string[] options)
    {
        var output = await Proc.RunAsync("wrk", ["-t2", "-c64", "-d5s", "--latency", .. options, url]);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        turn.Record($"rps.{label}", lines.First(l => l.StartsWith("Requests/sec", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        turn.Record($"p99.{label}", Milliseconds(lines.First(l => l.StartsWith("99%", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    /// <summary>wrk's latency ("812.00us", "4.61ms", "1.02s") in ms.</summary>
    private static double Milliseconds(string latency) => latency switch
    {
        _ when latency.EndsWith("us", StringComparison.Ordinal) => Number.Parse(latency[..^2]) / 1000,
        _ when latency.EndsWith("ms", StringComparison.Ordinal) => Number.Parse(latency[..^2]),
        _ => double.Parse(latency.TrimEnd('s', 'm'), CultureInfo.InvariantCulture) * 1000,
    };
}
