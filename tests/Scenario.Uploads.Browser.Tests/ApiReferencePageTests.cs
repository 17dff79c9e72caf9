using System.Collections.Concurrent;
using Microsoft.Playwright;
using Scenario.Testing;

namespace Scenario.Uploads.Browser.Tests;

/// <summary>/docs in a real browser: the reference renders under its own policy, from this origin alone.</summary>
public sealed class ApiReferencePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_reference_renders_every_operation_with_no_policy_violation_and_no_request_elsewhere()
    {
        await using var host = await ServiceHost.StartAsync();
        await using var tab = await browser.NewTabAsync();
        var requested = new ConcurrentQueue<string>();
        tab.Page.Request += (_, request) => requested.Enqueue(request.Url);

        await tab.Page.GotoAsync(new Uri(host.BaseUrl, "docs").ToString());
        await tab.Page.GetByText("Create an upload").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        foreach (var summary in new[] { "Retrieve an upload", "Trigger an action on an upload", "Upload a part", "List uploads", "Assets, models and jobs" })
        {
            Assert.True(await tab.Page.GetByText(summary).CountAsync() > 0, $"'{summary}' is not on the page");
        }
        Assert.Empty(tab.PolicyViolations);
        var errors = tab.Console.Where(m => m.StartsWith("pageerror", StringComparison.Ordinal) || m.StartsWith("error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{string.Join("\n", errors)}\nrequested:\n{string.Join("\n", requested)}");
        var origin = host.BaseUrl.GetLeftPart(UriPartial.Authority);
        Assert.Contains(requested, u => u.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.All(requested, u => Assert.True(u.StartsWith(origin, StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal) || u.StartsWith("blob:", StringComparison.Ordinal), $"a request to {u}"));
    }
}
