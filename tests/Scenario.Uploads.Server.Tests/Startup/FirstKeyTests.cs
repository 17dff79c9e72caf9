using System.Net;
using System.Net.Sockets;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>The first API key is stored hashed and printed once: only a start that listens may create it.</summary>
public sealed class FirstKeyTests
{
    [Fact]
    public async Task A_start_whose_port_is_taken_creates_no_key_and_the_next_start_prints_one_that_works()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            var taken = new TcpListener(IPAddress.Loopback, 0);
            taken.Start();
            try
            {
                var port = ((IPEndPoint)taken.LocalEndpoint).Port;

                var failed = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, port));

                Assert.NotEqual(0, failed.ExitCode);
                Assert.Contains("address already in use", failed.Error);
                Assert.DoesNotContain("SCENARIO_SDK_API_SECRET", failed.Output + failed.Error);
            }
            finally
            {
                taken.Stop();
            }

            var freePort = FreePort.Next();
            await using var service = ServerCommand.Start(ServerCommand.ServiceArguments(dataDirectory, freePort));
            await service.WaitForOutputAsync("No API key was configured, so one was created.", TimeSpan.FromSeconds(60));
            await service.WaitForOutputAsync("export SCENARIO_BASE_URL=", TimeSpan.FromSeconds(10));

            var (apiKey, apiSecret) = service.PrintedKey();
            Assert.Contains($"export SCENARIO_BASE_URL=http://127.0.0.1:{freePort}/v1", service.Output);
            using var client = ServiceHost.CreateClient(new Uri($"http://127.0.0.1:{freePort}/"), apiKey, apiSecret);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v1/uploads")).StatusCode);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
