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
            var job = await api.WaitForJobEndAsync(failed.JobId!);

            Assert.Equal("failed", failed.Status);
            Assert.Equal("failure", job.Status);
            var metadata = job.Metadata;
            Assert.Equal(failed.ErrorMessage, metadata.GetProperty("errorMessage").GetString());
            Assert.Equal(failed.Id, metadata.GetProperty("input").GetProperty("uploadId").GetString());
            Assert.False(metadata.GetProperty("output").TryGetProperty("entityId", out _));
            Assert.DoesNotContain("Lost the lease", service.Output);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
