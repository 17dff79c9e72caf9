using System.Diagnostics;

namespace Scenario.Testing;

/// <summary>
/// Debian's nginx as a round-robin reverse proxy on 127.0.0.1 in front of service instances, with a
/// configuration and folder of its own. A request whose instance refuses the connection, or dies before
/// answering, goes to the next one (<c>proxy_next_upstream error timeout non_idempotent</c>): POSTs too,
/// which is safe here because creates carry an Idempotency-Key and complete and abort are idempotent.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private LoadBalancer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Why no balancer can start here, or null.</summary>
    public static string? Unavailable() => Program() is null
        ? "No nginx (/usr/sbin/nginx or on PATH): scripts/test installs Debian's nginx (scripts/services/nginx-install.sh)."
        : null;

    public static async Task<LoadBalancer> StartAsync(IEnumerable<int> upstreamPorts)
    {
        var directory = TempDirectory.Create();
        var port = FreePort.Next();
        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(directory, port, upstreamPorts));
        var start = new ProcessStartInfo(Program() ?? throw new InvalidOperationException(Unavailable()))
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            // -e: the error log from the first line on, before the configuration names it (not /var/log/nginx).
            ArgumentList = { "-p", directory, "-c", configuration, "-e", Path.Combine(directory, "error.log") },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new LoadBalancer(directory, process, port);
        await balancer.WaitUntilAnsweringAsync();
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM to the master: it ends its worker too (a SIGKILL would leave the worker behind).
            await ExternalCommand.SignalAsync(_process.Id, "TERM");
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        TempDirectory.TryDelete(_directory);
    }

    private static string Configuration(string directory, int port, IEnumerable<int> upstreamPorts)
    {
        var servers = string.Join("\n", upstreamPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;"));
        var temp = string.Join("\n", ((string[])["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
            .Select(t => $"    {t}_temp_path {Path.Combine(directory, t)};"));
        // As root nginx would switch its worker to nobody, which cannot write this folder.
        var user = ExternalCommand.IsRoot ? "user root;" : "";
        return $$"""
            daemon off;
            {{user}}
            worker_processes 1;
            pid {{Path.Combine(directory, "nginx.pid")}};
            error_log {{Path.Combine(directory, "error.log")}} warn;
            events { worker_connections 512; }
            http {
                access_log off;
            {{temp}}
                upstream service {
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 0;
                    location / {
                        proxy_pass http://service;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_next_upstream error timeout non_idempotent;
                        proxy_next_upstream_tries 2;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 60s;
                    }
                }
            }
            """;
    }

    private static string? Program() => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : ExternalCommand.Find("nginx");

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                var log = Path.Combine(_directory, "error.log");
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }
            try
            {
                using var response = await client.GetAsync(BaseUrl + "healthz");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"nginx did not answer on {BaseUrl} within 30 s.");
    }
}
