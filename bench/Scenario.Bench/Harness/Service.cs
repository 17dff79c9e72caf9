using System.Diagnostics;

namespace Scenario.Bench.Harness;

/// <summary>
/// One running service and the binaries that go with it: the new build (Root ".", Tag "") or the baseline's
/// (Root its git archive, Tag ".base", on a port 20 above the new one's and with its own data folder).
/// </summary>
internal sealed record Service(Place Place, string Tag, string Root, int Port, Process Process)
{
    public const string ApiKey = "bench";
    public const string ApiSecret = "bench-secret-123";
    public const int BasePortOffset = 20;

    public string Url => $"http://127.0.0.1:{Port}";

    public int Pid => Process.Id;

    public bool IsBase => Tag.Length > 0;

    public static string DataDir(Place place, string tag) => Path.Combine(place.Folder, "svc" + tag);

    public string DataDirectory => DataDir(Place, Tag);

    public string StoredFile(string uploadId) => Path.Combine(DataDirectory, "blobs", "uploads", uploadId);

    /// <summary>The bench helper that goes with this service's SDK (see bench/run's baseline build).</summary>
    public string Helper => Path.Combine(Root, "bench/Scenario.Bench/bin/Release/net10.0/Scenario.Bench");

    public string Cli => Path.Combine(Root, "src/Scenario.Cli/bin/Release/net10.0/scenario");

    /// <summary>The environment the SDK and the CLI read their credentials and address from.</summary>
    public IReadOnlyDictionary<string, string> ClientEnv => new Dictionary<string, string>
    {
        ["SCENARIO_SDK_API_KEY"] = ApiKey,
        ["SCENARIO_SDK_API_SECRET"] = ApiSecret,
        ["SCENARIO_BASE_URL"] = Url + "/v1",
    };

    public static string BasicAuth => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ApiKey}:{ApiSecret}"));

    /// <summary>A figure from /proc/PID/status in MiB (VmRSS, VmHWM).</summary>
    public double StatusMiB(string field) => ProcStatus.MiB(Pid, field);

    /// <summary>Resets the peak RSS (VmHWM) to the RSS now.</summary>
    public void ResetPeak() => ProcStatus.ResetPeak(Pid);
}
