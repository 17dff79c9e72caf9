namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The <c>operationId</c> of every endpoint in the document: what generated clients name their methods after,
/// and the key of <see cref="OperationDocs"/>. Stable, like the paths.
/// </summary>
public static class OperationIds
{
    public const string CreateUpload = "createUpload";
    public const string ListUploads = "listUploads";
    public const string RetrieveUpload = "retrieveUpload";
    public const string TriggerUploadAction = "triggerUploadAction";
    public const string PutUploadPart = "putUploadPart";
    public const string RetrieveAsset = "retrieveAsset";
    public const string RetrieveModel = "retrieveModel";
    public const string RetrieveJob = "retrieveJob";
    public const string DownloadFile = "downloadFile";
    public const string DescribeResumable = "describeResumableUploads";
    public const string CreateResumable = "createResumableUpload";
    public const string RetrieveResumableOffset = "retrieveResumableOffset";
    public const string AppendResumable = "appendToResumableUpload";
    public const string TerminateResumable = "terminateResumableUpload";
    public const string Liveness = "checkLiveness";
    public const string Readiness = "checkReadiness";
}
