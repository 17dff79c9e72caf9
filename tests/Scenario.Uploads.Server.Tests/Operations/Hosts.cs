using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Operations;

/// <summary>A real service with a few settings of the test's own, and the small upload these tests create.</summary>
internal static class Hosts
{
    public static readonly object SmallUpload = new { fileName = "a.bin", contentType = "application/octet-stream", fileSize = 10, parts = 1, kind = "asset" };

    public static Task<ServiceHost> StartAsync(params (string Key, string Value)[] settings) =>
        ServiceHost.StartAsync(new ServiceHostOptions { Settings = settings.ToDictionary(s => s.Key, s => s.Value) });
}
