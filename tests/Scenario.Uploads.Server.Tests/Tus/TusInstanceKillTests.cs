using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// An instance killed (SIGKILL) in the middle of a tus PATCH, on PostgreSQL + S3: the upload's hold in the database
/// runs out, and the client resumes on the other instance from the last acknowledged offset.
/// </summary>
public sealed class TusInstanceKillTests
{
    private const int MiB = 1024 * 1024;
    private const int Chunk = 6 * MiB;

    [Fact]
    public async Task An_upload_whose_instance_dies_mid_patch_resumes_on_the_other_instance_once_its_hold_runs_out()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        if (!TestBackend.IsPostgresS3)
        {
            Assert.Skip("Runs in the postgres-s3 pass of scripts/test (SCENARIO_TEST_BACKEND=postgres-s3).");
        }
        var backend = await TestBackend.CreatePostgresS3SettingsAsync();
        string[] directories = [TempDirectory.Create(), TempDirectory.Create()];
        var instances = await Task.WhenAll(directories.Select(d => ServiceProcess.StartAsync(d, FreePort.Next(), backend)));
        try
        {
            var (a, b) = (instances[0], instances[1]);
            using var tusA = TusHttp.For(a);
            using var tusB = TusHttp.For(b);
            var bytes = TestFiles.NoisyPng(2 * Chunk, seed: 91);
            var url = TusHttp.PathOf(await tusA.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("survivor.png")));
            Assert.Equal(HttpStatusCode.NoContent, (await tusA.PatchAsync(url, 0, bytes.AsMemory(0, Chunk))).StatusCode);

            await using (var dying = await RawHttp.OpenAsync("PATCH", new Uri(a.BaseUrl, url).ToString(), Headers(Chunk), Chunk))
            {
                await dying.WriteAsync(bytes.AsMemory(Chunk, Chunk / 2));
                a.Kill();
                await a.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            Assert.Equal(Chunk, await tusB.OffsetAsync(url));
            var rest = await PatchUntilHeldNoMoreAsync(tusB, url, Chunk, bytes.AsMemory(Chunk));
            Assert.True(rest.StatusCode == HttpStatusCode.NoContent, $"PATCH on the survivor: {(int)rest.StatusCode} {await rest.Content.ReadAsStringAsync()}");
            using var api = new UploadApi(b);
            await TusAssert.ImportedAsync(api, TusHttp.IdOf(url), bytes, "survivor.png", "image");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
            foreach (var directory in directories)
            {
                TempDirectory.TryDelete(directory);
            }
        }
    }

    private static IEnumerable<string> Headers(long offset) =>
    [
        $"Authorization: {RawHttp.Basic(TestKeys.ApiKey, TestKeys.ApiSecret)}",
        "Tus-Resumable: 1.0.0",
        $"Upload-Offset: {offset}",
        $"Content-Type: {TusHttp.OffsetOctetStream}",
    ];

    /// <summary>
    /// The PATCH a client sends again while the dead instance's hold lasts: each 423 must say when to retry; any other
    /// refusal ends the wait. Gives up after 60 s (the hold lasts 20 s without renewal).
    /// </summary>
    private static async Task<HttpResponseMessage> PatchUntilHeldNoMoreAsync(TusHttp tus, string url, long offset, ReadOnlyMemory<byte> body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await tus.PatchAsync(url, offset, body);
            if (response.StatusCode != HttpStatusCode.Locked || DateTime.UtcNow > deadline)
            {
                return response;
            }
            Assert.NotNull(response.Headers.RetryAfter);
            await Task.Delay(500);
        }
    }
}
