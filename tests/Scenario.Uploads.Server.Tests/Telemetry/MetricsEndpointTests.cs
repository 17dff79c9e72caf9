using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Telemetry;

/// <summary>Telemetry:Metrics: the scrape endpoint's path, and its off-switch.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_anonymously_at_the_configured_path_and_only_there()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Telemetry:Metrics:Path"] = "/internal/metrics" },
        });
        using var anonymous = ServiceHost.CreateAnonymousClient();

        using var moved = await anonymous.GetAsync(new Uri(host.BaseUrl, "internal/metrics"));
        using var old = await anonymous.GetAsync(new Uri(host.BaseUrl, "metrics"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("# TYPE scenario_uploads_jobs_queued gauge", await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Metrics_answer_404_when_turned_off()
    {
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            Settings = new Dictionary<string, string> { ["Telemetry:Metrics:Enabled"] = "false" },
        });
        using var anonymous = ServiceHost.CreateAnonymousClient();

        using var response = await anonymous.GetAsync(new Uri(host.BaseUrl, "metrics"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await UploadApi.ReadJson(response)).GetProperty("code").GetString());
    }
}
