namespace Scenario.Uploads.Model;

/// <summary>The <c>source</c> values of the reference.</summary>
public static class UploadSources
{
    public const string Civitai = "civitai";
    public const string HuggingFace = "huggingface";
    public const string Multipart = "multipart";
    public const string Other = "other";
    public const string Url = "url";
}

/// <summary>The <c>provider</c> values of the reference.</summary>
public static class UploadProviders
{
    public const string Civitai = "civitai";
    public const string HuggingFace = "huggingface";
    public const string Other = "other";
}
