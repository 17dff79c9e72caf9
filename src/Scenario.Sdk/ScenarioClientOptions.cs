using Microsoft.Extensions.Logging;

namespace Scenario;

/// <summary>
/// Settings of a <see cref="ScenarioClient"/>. Anything left null falls back to the environment
/// (<c>SCENARIO_SDK_API_KEY</c>, <c>SCENARIO_SDK_API_SECRET</c>, <c>SCENARIO_BASE_URL</c>) and then to the defaults.
/// Settable, so that <c>services.AddScenarioClient(...)</c> can bind it from configuration
/// (<see cref="BaseUrl"/>, <see cref="ApiKey"/>, <see cref="ApiSecret"/>, <see cref="Timeout"/>, <see cref="MaxRetries"/>).
/// </summary>
public sealed record ScenarioClientOptions
{
    /// <summary>The environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "SCENARIO_SDK_API_KEY";

    /// <summary>The environment variable holding the API secret.</summary>
    public const string ApiSecretVariable = "SCENARIO_SDK_API_SECRET";

    /// <summary>The environment variable holding the base URL.</summary>
    public const string BaseUrlVariable = "SCENARIO_BASE_URL";

    /// <summary>The base URL used when none is configured.</summary>
    public const string DefaultBaseUrl = "https://api.cloud.scenario.com/v1";

    /// <summary>The request timeout used when none is configured.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The number of retries used when none is configured.</summary>
    public const int DefaultMaxRetries = 2;

    /// <summary>The API key (HTTP Basic user name).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API secret (HTTP Basic password).</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The base URL including the version path, such as <c>http://127.0.0.1:5080/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The timeout of one API request attempt (default 60 s): positive and at most a day, or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>. Part uploads use <see cref="Transfers.UploadFileOptions.PartTimeout"/> instead.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many times a failed API request is retried (default 2; 0 or more).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// An HttpClient to send API requests and part uploads with. The SDK does not dispose it and
    /// never sets default headers on it; credentials are added per API request only.
    /// Its own <see cref="HttpClient.Timeout"/> also bounds part uploads, so set it to infinite for large files.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A handler to send requests through (ignored when <see cref="HttpClient"/> is set). The SDK does not dispose it.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// Where the SDK logs: each request at Debug (method, path, status, duration; never credentials or a signed URL's
    /// query), each retry at Information with its reason and delay, and at Warning a request that ran out of retries.
    /// None when null; <c>AddScenarioClient</c> uses the container's.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Reads a variable from the process environment; replaceable for tests and hosts.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;
}
