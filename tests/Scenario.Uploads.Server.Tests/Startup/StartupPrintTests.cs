using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Startup;

/// <summary>At start the service says where it keeps everything, as absolute paths and without passwords.</summary>
public sealed class StartupPrintTests
{
    [Fact]
    public async Task A_good_start_prints_the_absolute_data_directory_the_database_file_and_the_blob_folder()
    {
        var workingDirectory = TempDirectory.Create();
        var port = FreePort.Next();
        try
        {
            // Relative, as in the default ./data: the print resolves it against the directory the service runs in.
            await using var service = ServerCommand.Start(ServerCommand.ServiceArguments("data", port, withTestKeys: true), workingDirectory);
            var data = Path.Combine(workingDirectory, "data");

            // The banner's lines come out one by one: wait for its last before reading the others.
            await service.WaitForOutputAsync($"storage         Local, {Path.Combine(data, "blobs")}", TimeSpan.FromSeconds(60));

            Assert.Contains($"data directory  {data}", service.Output);

            Assert.Contains($"database        Sqlite, {Path.Combine(data, "uploads.db")}", service.Output);
            Assert.Contains($"storage         Local, {Path.Combine(data, "blobs")}", service.Output);
            await service.WaitUntilReadyAsync(port, TimeSpan.FromSeconds(60));
            Assert.True(File.Exists(Path.Combine(data, "uploads.db")), "The database is not where the print says.");
        }
        finally
        {
            TempDirectory.TryDelete(workingDirectory);
        }
    }

    [Fact]
    public async Task On_postgres_the_print_names_host_and_database_but_never_the_password()
    {
        var dataDirectory = TempDirectory.Create();
        try
        {
            // Nothing listens on the discard port: the start fails after the print, as a wrong host would.
            var run = await ServerCommand.RunAsync(ServerCommand.ServiceArguments(dataDirectory, FreePort.Next(), new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = "Host=127.0.0.1;Port=9;Username=uploads;Password=hunter2-secret;Database=uploads_db;Timeout=2",
            }, withTestKeys: true));

            Assert.Contains("database        Postgres, host 127.0.0.1 port 9, database uploads_db", run.Output);
            Assert.DoesNotContain("hunter2-secret", run.Output + run.Error);
            Assert.Equal(1, run.ExitCode);
        }
        finally
        {
            TempDirectory.TryDelete(dataDirectory);
        }
    }
}
