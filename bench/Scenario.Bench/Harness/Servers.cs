using System.Diagnostics;

namespace Scenario.Bench.Harness;

/// <summary>Starts the servers under test on 127.0.0.1 and waits until each answers; the registry stops them at the end.</summary>
internal sealed class Servers(Processes processes, string scratch)
{
    public const int MinimalPort = 18504;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Rate limits off: case 4 measures the ceiling (req/s from one owner) that they keep clients below.</summary>
    public async Task<Service> StartServiceAsync(Place place, string tag, string root)
    {
        var port = place.ServicePort + (tag.Length > 0 ? Service.BasePortOffset : 0);
        var data = Service.DataDir(place, tag);
        Directory.CreateDirectory(data);
        var process = processes.Add(Proc.StartLogged(Path.Combine(root, "src/Scenario.Uploads.Server/bin/Release/net10.0/Scenario.Uploads.Server"),
            ["--urls", $"http://127.0.0.1:{port}", $"--Uploads:DataDirectory={data}", $"--Auth:ApiKeys:0:ApiKey={Service.ApiKey}",
                $"--Auth:ApiKeys:0:ApiSecret={Service.ApiSecret}", "--Logging:LogLevel:Default=Warning", "--RateLimits:Enabled=false"],
            data + ".log"));
        var service = new Service(place, tag, root, port, process);
        await WaitAsync($"{service.Url}/healthz");
        return service;
    }

    public async Task StartNginxAsync(Place place)
    {
        var folder = Path.Combine(place.Folder, "nginx");
        Directory.CreateDirectory(Path.Combine(folder, "dav"));
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, NginxConfig(folder, place.NginxPort));
        processes.Add(Proc.StartLogged("nginx", ["-c", config, "-e", Path.Combine(folder, "error.log")], Path.Combine(place.Folder, "nginx.log")));
        await WaitAsync($"http://127.0.0.1:{place.NginxPort}/");
    }

    /// <summary>@tus/server (bench/tus/server.mjs): its process is node itself (bash execs it), whose RSS case 10 reads.</summary>
    public async Task<Process> StartTusAsync(Place place)
    {
        var folder = Path.Combine(place.Folder, "tus");
        Directory.CreateDirectory(folder);
        var process = processes.Add(Proc.StartLogged("node", ["bench/tus/server.mjs", place.TusPort.ToString(), folder], Path.Combine(place.Folder, "tus.log")));
        await WaitAsync($"http://127.0.0.1:{place.TusPort}/files");
        return process;
    }

    public async Task StartMinimalAsync()
    {
        processes.Add(Proc.StartLogged("bench/MinimalApi/bin/Release/net10.0/MinimalApi",
            ["--urls", $"http://127.0.0.1:{MinimalPort}", "--Logging:LogLevel:Default=Warning"], Path.Combine(scratch, "min.log")));
        await WaitAsync($"http://127.0.0.1:{MinimalPort}/json?size=10");
    }

    /// <summary>Any answer within 60 s: the server is up.</summary>
    private static async Task WaitAsync(string url)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await Http.GetAsync(url);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        throw new BenchFailure($"server at {url} did not start");
    }

    private static string NginxConfig(string folder, int port) => $$"""
        user root;
        worker_processes auto;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        daemon off;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path {{folder}}/tmp;
          server {
            listen 127.0.0.1:{{port}};
            location /dav/ {
              root {{folder}};
              dav_methods PUT DELETE;
              create_full_put_path on;
              client_max_body_size 0;
              client_body_buffer_size 1m;
            }
          }
        }

        """;
}
