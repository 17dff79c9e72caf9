namespace Scenario.Uploads.Server.Options;

/// <summary>The <c>Imports</c> section: downloads from a URL, Hugging Face and Civitai. Part of the operators' contract.</summary>
public sealed class ImportsOptions
{
    public const string Section = "Imports";

    /// <summary>Lets URL imports reach loopback, private, link-local and metadata addresses. Tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The largest file an import may download; empty: <c>Uploads:MaxFileSize</c>.</summary>
    public long? MaxDownloadSize { get; set; }

    /// <summary>How long one download attempt may take, from the first request to the last byte.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How many redirects a download follows (each one checked like the first URL).</summary>
    public int MaxRedirects { get; set; } = 5;

    public HubOptions HuggingFace { get; set; } = new() { Endpoint = "https://huggingface.co" };

    public HubOptions Civitai { get; set; } = new() { Endpoint = "https://civitai.com" };
}

/// <summary>Where a model hub is and the token sent to it (and only to it).</summary>
public sealed class HubOptions
{
    public string Endpoint { get; set; } = "";

    public string? Token { get; set; }
}
