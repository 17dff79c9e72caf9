namespace Scenario.Transfers;

/// <summary>The stage a file upload is in.</summary>
public enum UploadPhase
{
    /// <summary>Creating the upload.</summary>
    Creating,

    /// <summary>Sending the parts.</summary>
    Uploading,

    /// <summary>Telling the service all parts are in.</summary>
    Completing,

    /// <summary>Waiting while the service validates and imports the file.</summary>
    Processing,

    /// <summary>Done: the file was imported.</summary>
    Imported,

    /// <summary>Done: the service refused the file.</summary>
    Failed,
}
