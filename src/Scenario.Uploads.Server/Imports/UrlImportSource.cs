using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Imports;

/// <summary>A plain URL: download it as it is; the name comes from the answer.</summary>
public sealed class UrlImportSource : IImportSource
{
    public string Source => UploadSources.Url;

    public Task<DownloadPlan> PlanAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        Task.FromResult(new DownloadPlan { Url = new Uri(upload.Url!), Subject = "The URL" });
}
