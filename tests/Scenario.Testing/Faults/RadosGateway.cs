using System.Diagnostics;

namespace Scenario.Testing;

/// <summary>
/// A second radosgw of a test's own, on its own port on 127.0.0.1, in front of the Ceph cluster that
/// scripts/services/rgw-start.sh started (its ceph.conf: SCENARIO_TEST_CEPH_CONF, or $S3_RGW_DIR/ceph.conf).
/// It serves the same users and buckets as the shared one, so a test can freeze (SIGSTOP) or kill it
/// without touching the store every other test is using.
/// </summary>
public sealed class RadosGateway : IAsyncDisposable
{
    private readonly string _configuration;
    private readonly string _directory;
    private readonly string _name = "client.rgw.t" + Guid.NewGuid().ToString("N")[..12];
    private Process? _process;

    private RadosGateway(string configuration, string directory, int port)
    {
        _configuration = configuration;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    private static string? Configuration =>
        Environment.GetEnvironmentVariable("SCENARIO_TEST_CEPH_CONF")
        ?? (Environment.GetEnvironmentVariable("S3_RGW_DIR") is { } directory ? Path.Combine(directory, "ceph.conf") : null);

    /// <summary>Why no second gateway can start here, or null.</summary>
    public static string? Unavailable()
    {
        if (ExternalCommand.Find("radosgw") is null)
        {
            return "No radosgw on PATH: scripts/test installs Debian's radosgw.";
        }
        return Configuration is { } path && File.Exists(path)
            ? null
            : "The shared Ceph cluster's ceph.conf is unknown (SCENARIO_TEST_CEPH_CONF or S3_RGW_DIR): start it with scripts/services/rgw-start.sh.";
    }

    public static async Task<RadosGateway> StartAsync()
    {
        var gateway = new RadosGateway(Configuration ?? throw new InvalidOperationException(Unavailable()), TempDirectory.Create(), FreePort.Next());
        try
        {
            await gateway.StartAgainAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGSTOP: the process holds its sockets but answers nothing, as a hung store does.</summary>
    public Task FreezeAsync() => ExternalCommand.SignalAsync(Running.Id, "STOP");

    public Task ResumeAsync() => ExternalCommand.SignalAsync(Running.Id, "CONT");

    /// <summary>SIGKILL: connections are reset and the port refuses until <see cref="StartAgainAsync"/>.</summary>
    public async Task KillAsync()
    {
        var process = Running;
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>Starts the gateway (again, on the same port) and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("radosgw") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // cephx is off on the test cluster: a new client name needs no keyring, only the settings
        // rgw-start.sh gives its own gateway in its [client.rgw.a] section. rgw_mp_lock_max_time: a
        // CompleteMultipartUpload cut off by a killed gateway holds the upload's lock in RADOS this long
        // (600 s by default), every complete answering "already in progress" until then; shortened so a test
        // that kills the gateway sees the service finish such an upload within its bounded time.
        // rgw_num_control_oids=0: gateways of a zone keep their caches coherent by watching control objects and
        // notifying each other of metadata changes (a bucket created, say); a notify waits for every watcher, and
        // a frozen or killed one holds it up to the OSD's 30 s watch timeout. With 0 this gateway watches the
        // legacy single control object, which the shared gateway does not notify: freezing or killing this one
        // never stalls the buckets every other test creates there.
        foreach (var argument in (string[])["-c", _configuration, "-n", _name, "-f",
            $"--rgw_frontends=beast endpoint=127.0.0.1:{Port}", $"--rgw_data={_directory}", "--rgw_dns_name=127.0.0.1",
            "--ms_mon_client_mode=crc", "--rgw_enable_usage_log=false", "--debug_rgw=0/0", "--rgw_mp_lock_max_time=10",
            "--rgw_num_control_oids=0",
            $"--log_file={Path.Combine(_directory, "rgw.log")}", $"--admin_socket={Path.Combine(_directory, "rgw.asok")}",
            $"--pid_file={Path.Combine(_directory, "rgw.pid")}"])
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start radosgw.");
        // Drained so a chatty gateway never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                await StopGracefullyAsync(process);
            }
            process.Dispose();
            _process = null;
        }
        TempDirectory.TryDelete(_directory);
    }

    // SIGTERM (after SIGCONT, in case it is frozen): the gateway leaves the cluster cleanly; SIGKILL only if it will not.
    private static async Task StopGracefullyAsync(Process process)
    {
        await ExternalCommand.RunAsync("kill", ["-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await ExternalCommand.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private Process Running => _process is { HasExited: false } process ? process : throw new InvalidOperationException("The gateway is not running.");

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"radosgw exited with {_process.ExitCode}; see {_directory}/rgw.log.");
            }
            try
            {
                using var response = await client.GetAsync(Endpoint + "/");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"radosgw did not answer on {Endpoint} within 60 s.");
    }
}
