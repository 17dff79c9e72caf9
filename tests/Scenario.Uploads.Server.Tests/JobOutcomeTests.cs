using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>A job's end state has one owner, the worker that ran it: it is written once, with its metadata.</summary>
public sealed class JobOutcomeTests
{
    [Fact]
    public async Task A_job_whose_file_fails_validation_reports_the_error_and_no_lease_is_said_lost()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            await using var service = await ServiceProcess.StartAsync(dataDirectory, FreePort.Next(), await TestBackend.CreateSettingsAsync());
            using var api = new UploadApi(service);

            var failed = await api.UploadAsync(TestFiles.Wav(), "image", "not-an-image.png", "image/png");
            var job = await api.WaitForJobEndAsync(failed.GetProperty("jobId").GetString()!);

            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal("failure", job.GetProperty("status").GetString());
            var metadata = job.GetProperty("metadata");
            Assert.Equal(failed.GetProperty("errorMessage").GetString(), metadata.GetProperty("errorMessage").GetString());
            Assert.Equal(failed.GetProperty("id").GetString(), metadata.GetProperty("input").GetProperty("uploadId").GetString());
            Assert.False(metadata.GetProperty("output").TryGetProperty("entityId", out _));
            Assert.DoesNotContain("Lost the lease", service.Output);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
