using Scenario.Uploads.Model;

namespace Scenario.Uploads.Server.Imports;

/// <summary>Resolves an import upload (its URL, model name or model URL) to the one file to download.</summary>
public interface IImportSource
{
    /// <summary>The upload <c>source</c> this handles.</summary>
    string Source { get; }

    Task<DownloadPlan> PlanAsync(UploadRecord upload, CancellationToken cancellationToken);
}
