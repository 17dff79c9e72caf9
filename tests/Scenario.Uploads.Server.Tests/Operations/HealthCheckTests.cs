using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scenario.Testing;
using Scenario.Uploads.Server.Jobs;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>
/// /healthz: the process answers ({"status":"alive"}, which scripts wait for). /readyz: each readiness check
/// with its status, duration and description, 503 when one fails, and never a connection string or secret.
/// </summary>
public sealed class HealthCheckTests
{
    private static readonly string[] Checks = ["database", "storage", "freeSpace", "jobWorker"];

    [Fact]
    public async Task Liveness_keeps_its_body_and_readiness_details_every_check()
    {
        await using var host = await Hosts.StartAsync();
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var alive = await client.GetAsync("healthz");
        var ready = await client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("""{"status":"alive"}""", await alive.Content.ReadAsStringAsync());
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ready", report.GetProperty("status").GetString());
        Assert.Equal(Checks.Order(), report.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        foreach (var check in report.GetProperty("checks").EnumerateObject())
        {
            Assert.Equal("healthy", check.Value.GetProperty("status").GetString());
            Assert.True(check.Value.GetProperty("durationMs").GetDouble() >= 0, check.Name);
            Assert.False(string.IsNullOrWhiteSpace(check.Value.GetProperty("description").GetString()), check.Name);
        }
        AssertNoSecret(host, body);
    }

    [Fact(Skip = "Free space is measured on local storage only.", SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task Too_little_free_space_makes_the_instance_not_ready_but_still_alive()
    {
        await using var host = await Hosts.StartAsync(("Health:MinFreeSpace", (long.MaxValue / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var ready = await client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("not-ready", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("freeSpace").GetProperty("status").GetString());
        Assert.Contains("Health:MinFreeSpace", checks.GetProperty("freeSpace").GetProperty("description").GetString());
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task A_job_worker_that_stopped_looping_makes_the_instance_not_ready()
    {
        await using var host = await Hosts.StartAsync(("Jobs:PollInterval", "00:00:00.100"), ("Health:WorkerStalledAfterPolls", "5"));
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("readyz")).StatusCode);

        // The real worker, stopped as the host would stop it: its loop no longer goes round.
        var worker = host.Services.GetServices<IHostedService>().OfType<UploadJobWorker>().Single();
        await worker.StopAsync(TestContext.Current.CancellationToken);
        var ready = await WaitForStatusAsync(client, HttpStatusCode.ServiceUnavailable);

        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("jobWorker").GetProperty("status").GetString());
        Assert.Contains("not looped", checks.GetProperty("jobWorker").GetProperty("description").GetString());
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_check_runs_under_the_configured_timeout()
    {
        await using var host = await Hosts.StartAsync(("Health:CheckTimeout", "00:00:03"));

        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(Checks.Order(), registrations.Select(r => r.Name).Order());
        Assert.All(registrations, r => Assert.Equal(TimeSpan.FromSeconds(3), r.Timeout));
    }

    private static async Task<HttpResponseMessage> WaitForStatusAsync(HttpClient client, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("readyz");
            if (response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, response.StatusCode);
                return response;
            }
            await Task.Delay(100);
        }
    }

    private static void AssertNoSecret(ServiceHost host, string body)
    {
        foreach (var key in new[] { "Database:ConnectionString", "Storage:S3:SecretKey", "Storage:S3:AccessKey", "Uploads:SigningKey" })
        {
            if (host.Settings.TryGetValue(key, out var value) && value.Length > 0)
            {
                Assert.DoesNotContain(value, body);
            }
        }
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestKeys.ApiSecret, body);
    }
}
