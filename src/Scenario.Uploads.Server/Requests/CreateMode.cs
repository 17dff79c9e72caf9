namespace Scenario.Uploads.Server.Requests;

/// <summary>Which of the reference's four ways of creating an upload a request's fields ask for.</summary>
public enum CreateMode
{
    Multipart,
    Url,
    HuggingFace,
    Civitai,
}
