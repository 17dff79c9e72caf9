using Scenario.Uploads.Errors;
using Scenario.Uploads.Persistence;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Tus;

/// <summary>
/// tus termination and RUFH cancellation: an upload is aborted as the API's abort action does (it fails, its
/// bytes go); a partial upload, which has no upload of its own, is forgotten with its bytes.
/// </summary>
internal sealed class UploadTermination(IUploadRepository uploads, IAppendRepository appends, Storage.IBlobStore blobs, UploadActions actions)
{
    /// <summary>Null once terminated, else why not (an upload already completed is being validated or imported).</summary>
    public async Task<Problem?> TerminateAsync(AppendState state, CancellationToken cancellationToken)
    {
        if (state.IsPartial)
        {
            await blobs.DeleteAsync(state.StorageKey, state.StorageUploadId, cancellationToken);
            await appends.DeleteAsync(state.Id, cancellationToken);
            return null;
        }
        var upload = await uploads.FindAsync(state.Id, cancellationToken);
        if (upload is null)
        {
            return TusProblems.NotFound;
        }
        var aborted = await actions.AbortAsync(upload, cancellationToken);
        return aborted.Error;
    }
}
