using System.Text.Json;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Compatibility;

/// <summary>
/// The upload flows of the clients Scenario's users already run, replayed over loopback against the real
/// service, on whichever backend the run uses (SQLite + local disk, or PostgreSQL + S3).
/// </summary>
public sealed class ClientCompatibilityTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const long MiB = 1024 * 1024;

    private FixedPartClient Client(long partSize, PartOrder order = PartOrder.InOrder, string? partContentType = null) =>
        new(fixture.Api.Client, Anonymous) { PartSize = partSize, Order = order, PartContentType = partContentType };

    private static readonly HttpClient Anonymous = ServiceHost.CreateAnonymousClient();

    [Theory]
    [InlineData(5, 12, PartOrder.InOrder, null)]                                      // 5 + 5 + 2 MiB
    [InlineData(5, 12, PartOrder.Parallel, "application/x-www-form-urlencoded")]
    [InlineData(5, 12, PartOrder.LastFirst, "application/octet-stream")]
    [InlineData(8, 20, PartOrder.InOrder, "application/octet-stream")]                // 8 + 8 + 4 MiB
    [InlineData(8, 20, PartOrder.Parallel, null)]
    [InlineData(8, 20, PartOrder.LastFirst, "application/x-www-form-urlencoded")]
    [InlineData(32, 40, PartOrder.InOrder, null)]                                     // 32 + 8 MiB
    [InlineData(32, 40, PartOrder.Parallel, "application/octet-stream")]
    [InlineData(32, 40, PartOrder.LastFirst, null)]
    [InlineData(8, 7, PartOrder.InOrder, "application/x-www-form-urlencoded")]        // one part, under P
    public async Task Fixed_size_parts_with_a_smaller_last_part_are_imported_intact(int partMiB, int fileMiB, PartOrder order, string? partContentType)
    {
        var bytes = UploadFlowTests.RandomBytes((int)(fileMiB * MiB) + 1234, seed: (partMiB * 100) + fileMiB + (int)order);
        var client = Client(partMiB * MiB, order, partContentType);

        var created = await client.CreateAsync(bytes, "asset", "fixed.bin", "application/octet-stream");
        var id = created.Id;
        await client.SendPartsAsync(created, bytes);
        var held = await client.RetrieveAsync(id);
        var completed = await client.CompleteAsync(id);
        var done = await fixture.Api.WaitForEndAsync(id);

        var count = created.PartsCount!.Value;
        var partSize = count == 1 ? bytes.LongLength : partMiB * MiB;
        Assert.Equal(partSize, held.PartSize);
        Assert.Equal(
            Enumerable.Range(1, count).Select(n => n < count ? partSize : bytes.LongLength - ((count - 1) * partSize)),
            held.Parts.Select(p => p.Size!.Value));
        Assert.Equal("validating", completed.Status);
        Assert.True(done.Status == "imported", done.ToString());
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
    }

    [Fact]
    public async Task The_blender_plugin_flow_retrieves_before_each_part_and_polls_every_two_seconds()
    {
        // Scenario's Blender add-on: 8 MiB parts one after another, a GET before each, JSON headers and a
        // projectId on every call, Connection: close and the file's own type on the PUTs.
        var bytes = LargeFiles.Png((17 * MiB) + 321, seed: 41);
        var client = new FixedPartClient(fixture.Api.Client, Anonymous)
        {
            PartSize = 8 * MiB,
            RetrieveBeforeEachPart = true,
            PartContentType = "image/png",
            ConnectionClose = true,
            JsonContentTypeOnGet = true,
            ProjectId = "proj_blender",
        };

        var created = await client.CreateAsync(bytes, "image", "texture.png", "image/png");
        AssertCreateAnswerAsTheAddOnChecksIt(created, bytes.LongLength, parts: 3);
        await client.SendPartsAsync(created, bytes);
        var id = created.Id;
        var completed = await client.CompleteAsync(id);
        Assert.NotEqual("pending", completed.Status);
        Upload state;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            state = await client.RetrieveAsync(id);
            // The add-on knows these six statuses; anything else is an error to it.
            Assert.Contains(state.Status, new[] { "pending", "complete", "validating", "validated", "imported", "failed" });
        }
        while (state.Status is not ("imported" or "failed") && DateTime.UtcNow < deadline);

        Assert.True(state.Status == "imported", state.ToString());
        Assert.StartsWith("asset_", state.EntityId);
        Assert.Equal(UploadApi.Sha256(bytes), state.Sha256);
    }

    private static void AssertCreateAnswerAsTheAddOnChecksIt(Upload created, long fileSize, int parts)
    {
        Assert.Equal("pending", created.Status);
        Assert.Equal("multipart", created.Source);
        Assert.Equal("image", created.Kind);
        Assert.Equal("texture.png", created.FileName);
        Assert.Equal("texture.png", created.OriginalFileName);
        Assert.Equal("image/png", created.ContentType);
        Assert.Equal(fileSize, created.FileSize);
        Assert.Equal(parts, created.PartsCount);
        var listed = created.Parts.ToList();
        Assert.Equal(Enumerable.Range(1, parts), listed.Select(p => p.Number));
        Assert.All(listed, p => Assert.True(DateTimeOffset.Parse(p.Expires!) > DateTimeOffset.UtcNow.AddSeconds(30)));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("model")]
    public async Task A_client_that_polls_the_job_finds_the_entity_where_scenario_clients_read_it(string kind)
    {
        var (bytes, fileName, contentType) = kind == "image"
            ? (LargeFiles.Png((9 * MiB) + 5, seed: 42), "big.png", "image/png")
            : TestFiles.ValidFileFor(kind);
        var client = Client(5 * MiB);

        var created = await client.CreateAsync(bytes, kind, fileName, contentType);
        await client.SendPartsAsync(created, bytes);
        await client.CompleteAsync(created.Id);
        var job = await PollJobAsync(client, created.JobId!);

        Assert.Equal("success", job.Status);
        Assert.Equal(1.0, job.Progress);
        var metadata = job.Metadata;
        var entityId = metadata.GetProperty("output").GetProperty("entityId").GetString()!;
        Assert.Equal(created.Id, metadata.GetProperty("input").GetProperty("uploadId").GetString());
        if (kind == "model")
        {
            Assert.StartsWith("model_", entityId);
            Assert.Equal(entityId, metadata.GetProperty("modelId").GetString());
            Assert.False(metadata.TryGetProperty("assetIds", out _));
        }
        else
        {
            Assert.StartsWith("asset_", entityId);
            Assert.Equal([entityId], metadata.GetProperty("assetIds").EnumerateArray().Select(a => a.GetString()));
        }
        Assert.False(metadata.TryGetProperty("errorMessage", out _), "a successful job carries no error, not even as null");
        Assert.Equal(UploadApi.Sha256(bytes), metadata.GetProperty("output").GetProperty("sha256").GetString());
    }

    /// <summary>As Scenario's Unity and Blender plugins do: every few seconds until success, failure or canceled.</summary>
    private static async Task<Job> PollJobAsync(FixedPartClient client, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = Job.From(await client.GetAsync($"v1/jobs/{jobId}"));
            if (job.Status is "success" or "failure" or "canceled" || DateTime.UtcNow > deadline)
            {
                return job;
            }
            Assert.Contains(job.Status, new[] { "queued", "in-progress" });
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public async Task A_helper_that_stops_at_the_first_status_after_pending_never_sees_an_idle_complete()
    {
        // Scenario's TypeScript helper stops waiting at the first status that is not pending: it must not be
        // "complete" with nothing at work, so complete answers validating, and so does every read after it.
        var bytes = UploadFlowTests.RandomBytes((int)(11 * MiB), seed: 43);
        var client = Client(5 * MiB, PartOrder.Parallel);
        var created = await client.CreateAsync(bytes, "asset", "helper.bin", "application/octet-stream");
        await client.SendPartsAsync(created, bytes);
        var id = created.Id;

        var completed = await client.CompleteAsync(id);
        var read = await client.RetrieveAsync(id);
        var again = await client.CompleteAsync(id);

        Assert.Equal("validating", completed.Status);
        Assert.Contains(read.Status, new[] { "validating", "validated", "imported" });
        Assert.Contains(again.Status, new[] { "validating", "validated", "imported" });
        Assert.False(completed.Json.TryGetProperty("parts", out _), "part URLs are only offered while pending");
        Assert.Equal("imported", (await fixture.Api.WaitForEndAsync(id)).Status);
    }

    [Fact]
    public async Task The_older_guides_lora_zip_is_imported_as_a_model_with_its_tensors()
    {
        var zip = TestFiles.ZippedSafetensors();

        var done = await fixture.Api.UploadAsync(zip, "model", "my-lora.zip", "application/zip");

        Assert.True(done.Status == "imported", done.ToString());
        var model = (await fixture.Api.GetJsonAsync($"v1/models/{done.EntityId}")).GetProperty("model");
        Assert.Equal(UploadApi.Sha256(zip), model.GetProperty("sha256").GetString());
        var details = model.GetProperty("metadata").GetProperty("details");
        Assert.Equal("zip", details.GetProperty("container").GetString());
        Assert.EndsWith(".safetensors", details.GetProperty("innerFile").GetString());
    }

    [Fact]
    public async Task A_zip_that_is_not_one_safetensors_is_refused_saying_what_to_send()
    {
        var zip = TestFiles.Zip(new ZipMember("a.safetensors", TestFiles.SafetensorsLora()), new ZipMember("b.safetensors", TestFiles.SafetensorsLora()));

        var done = await fixture.Api.UploadAsync(zip, "model", "two.zip", "application/zip");

        Assert.Equal("failed", done.Status);
        Assert.Contains("exactly one .safetensors", done.ErrorMessage);
    }

    [Fact]
    public async Task Text_is_judged_by_its_content()
    {
        var csv = "name,size\nrock.png,42\n"u8.ToArray();
        var text = await fixture.Api.UploadAsync(csv, "text", "sizes.csv", "text/csv");
        var binary = await fixture.Api.UploadAsync(TestFiles.Png(), "text", "notes.txt", "text/plain");

        Assert.Equal("imported", text.Status);
        Assert.StartsWith("asset_", text.EntityId);
        Assert.Equal("failed", binary.Status);
        Assert.Contains("UTF-8", binary.ErrorMessage);
    }

    [Fact]
    public async Task The_services_own_old_part_size_is_one_valid_part_size_among_others()
    {
        // ceil(size / parts), what the service used to impose and what older SDK builds still send.
        var bytes = UploadFlowTests.RandomBytes((int)(100 * MiB / 8) * 8 + 13, seed: 44);
        var upload = await fixture.Api.CreateFor(bytes, "asset", "old.bin", "application/octet-stream", parts: 8);

        await fixture.Api.PutPartsAsync(upload, bytes);
        var id = upload.Id;
        await fixture.Api.CompleteAsync(id);
        var done = await fixture.Api.WaitForEndAsync(id);

        Assert.Equal("imported", done.Status);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
    }
}
