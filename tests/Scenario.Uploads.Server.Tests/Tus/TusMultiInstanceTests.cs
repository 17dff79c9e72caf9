using System.Net;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>
/// Two instances over one PostgreSQL database and one S3 bucket, as behind a load balancer without sticky sessions:
/// a tus upload may go on at either, its tail below S3's 5 MiB part minimum included, and one PATCH at a time writes
/// to an upload across both (the lock lives in the database).
/// </summary>
public sealed class TusMultiInstanceTests(TusMultiInstanceTests.TwoInstances fixture) : IClassFixture<TusMultiInstanceTests.TwoInstances>
{
    private const int MiB = 1024 * 1024;
    private const int Chunk = 6 * MiB;

    [Fact]
    public async Task An_upload_sent_half_to_one_instance_and_half_to_the_other_is_imported_whole()
    {
        var (a, b) = Instances();
        using var tusA = TusHttp.For(a);
        using var tusB = TusHttp.For(b);
        var bytes = TestFiles.NoisyPng(4 * Chunk - 3 * MiB, seed: 71);
        var url = TusHttp.PathOf(await tusA.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("shared.png")));

        for (var offset = 0; offset < bytes.Length; offset += Chunk)
        {
            var tus = offset < bytes.Length / 2 ? tusA : tusB;
            var chunk = bytes.AsMemory(offset, Math.Min(Chunk, bytes.Length - offset));
            var response = await tus.PatchAsync(url, offset, chunk);
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"PATCH at {offset}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(offset + chunk.Length, TusHttp.Offset(response));
        }

        using var api = new UploadApi(a);
        await TusAssert.ImportedAsync(api, TusHttp.IdOf(url), bytes, "shared.png", "image");
    }

    [Fact]
    public async Task Two_patches_racing_at_one_offset_on_two_instances_never_both_write()
    {
        var (a, b) = Instances();
        using var tusA = TusHttp.For(a);
        using var tusB = TusHttp.For(b);
        var bytes = TestFiles.NoisyPng(3 * Chunk, seed: 72);
        var url = TusHttp.PathOf(await tusA.CreatedAsync(bytes.Length, TusHttp.ImageMetadata("raced.png")));

        for (var offset = 0; offset < bytes.Length; offset += Chunk)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(Chunk, bytes.Length - offset));
            var answers = await Task.WhenAll(tusA.PatchAsync(url, offset, chunk), tusB.PatchAsync(url, offset, chunk));

            var statuses = answers.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.True(statuses[0] == 204 && statuses[1] is 409 or 423, $"At offset {offset}: {string.Join(", ", statuses)}; one writes, the other is refused");
            Assert.Equal(offset + chunk.Length, await tusA.OffsetAsync(url));
        }

        using var api = new UploadApi(b);
        await TusAssert.ImportedAsync(api, TusHttp.IdOf(url), bytes, "raced.png", "image");
    }

    private (ServiceProcess A, ServiceProcess B) Instances()
    {
        if (TestBackend.MissingServers() is { } why)
        {
            Assert.Skip(why);
        }
        if (!TestBackend.IsPostgresS3)
        {
            Assert.Skip("Runs in the postgres-s3 pass of scripts/test (SCENARIO_TEST_BACKEND=postgres-s3).");
        }
        return (fixture.Instances[0], fixture.Instances[1]);
    }

    /// <summary>Two service processes on one fresh database and bucket, shared by the tests of the class (postgres-s3 pass only).</summary>
    public sealed class TwoInstances : IAsyncLifetime
    {
        private readonly string[] _directories = [TempDirectory.Create(), TempDirectory.Create()];

        public ServiceProcess[] Instances { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            if (TestBackend.MissingServers() is not null || !TestBackend.IsPostgresS3)
            {
                return;
            }
            var backend = await TestBackend.CreatePostgresS3SettingsAsync();
            Instances = await Task.WhenAll(_directories.Select(d => ServiceProcess.StartAsync(d, FreePort.Next(), backend)));
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var instance in Instances)
            {
                await instance.DisposeAsync();
            }
            foreach (var directory in _directories)
            {
                TempDirectory.TryDelete(directory);
            }
        }
    }
}
