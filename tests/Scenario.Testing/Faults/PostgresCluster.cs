using Dapper;
using Npgsql;

namespace Scenario.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster of a test's own (initdb into a temporary folder, its own port on
/// 127.0.0.1, trust auth), which the test may stop and start at will: a fault test must never stop the
/// shared test server other tests are using. As in scripts/services/postgres-start.sh, it runs as the
/// postgres user when the tests run as root (the server refuses root).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Why no cluster can be made here (no PostgreSQL binaries), or null.</summary>
    public static string? Unavailable() => BinDirectory() is null
        ? "No PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH: scripts/test installs Debian's postgresql."
        : null;

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = BinDirectory() ?? throw new InvalidOperationException(Unavailable());
        var directory = TempDirectory.Create();
        var cluster = new PostgresCluster(bin, directory, FreePort.Next());
        try
        {
            await cluster.InitializeAsync();
            await cluster.StartAgainAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new database on this cluster; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name};");
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Timeout = 15 }.ConnectionString;
    }

    /// <summary><c>pg_ctl stop -m fast</c>: every session is ended at once, as an operator's restart does.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast", "-w");

    public Task StartAgainAsync() => PgCtlAsync("start", "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"));

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "immediate", "-w"]);
        }
        TempDirectory.TryDelete(_directory);
    }

    private async Task InitializeAsync()
    {
        if (ExternalCommand.IsRoot)
        {
            await ExternalCommand.RunCheckedAsync("chown", ["postgres:postgres", _directory]);
        }
        await RunCheckedAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        // A throw-away cluster: durability does not matter, a short start does.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{_directory}'
            max_connections = 100
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            shared_buffers = 32MB

            """);
    }

    private Task PgCtlAsync(params string[] arguments) => RunCheckedAsync("pg_ctl", ["-D", DataDirectory, .. arguments]);

    private Task<ExternalCommand.Outcome> RunAsync(string program, string[] arguments)
    {
        var (file, all) = AsPostgres(program, arguments);
        return ExternalCommand.RunAsync(file, all);
    }

    private Task<string> RunCheckedAsync(string program, string[] arguments)
    {
        var (file, all) = AsPostgres(program, arguments);
        return ExternalCommand.RunCheckedAsync(file, all);
    }

    // The server refuses to run as root: as root, every PostgreSQL program runs as the package's postgres user.
    private (string File, string[] Arguments) AsPostgres(string program, string[] arguments) => ExternalCommand.IsRoot
        ? ("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
        : (Path.Combine(_bin, program), arguments);

    private static string? BinDirectory()
    {
        // Debian's layout, /usr/lib/postgresql/<major>/bin: the newest major.
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(v => File.Exists(Path.Combine(v, "bin", "initdb")))
                .OrderBy(v => int.TryParse(Path.GetFileName(v), out var major) ? major : 0)
                .Select(v => Path.Combine(v, "bin"))
            : [];
        return versions.LastOrDefault() ?? (ExternalCommand.Find("initdb") is { } initdb ? Path.GetDirectoryName(initdb) : null);
    }
}
