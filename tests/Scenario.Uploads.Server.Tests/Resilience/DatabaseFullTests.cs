using System.Net;
using Microsoft.Data.Sqlite;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests.Resilience;

/// <summary>
/// A request whose database write fails because the disk is full is the server's event: 507 insufficient_storage
/// with Retry-After, never a 500, and the same request goes through once space is back. SQLite on a tmpfs with no
/// reserve, filled to 0 bytes free by another program while a reader (a backup, say) holds the write-ahead log, so
/// that writes must grow it. Root only.
/// </summary>
public sealed class DatabaseFullTests
{
    [Fact(Skip = "SQLite's database file on a small disk: runs in the SQLite pass.", SkipType = typeof(TestBackend),
        SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task A_database_write_on_a_full_disk_is_507_with_Retry_After_and_goes_through_once_space_is_back()
    {
        using var disk = SmallDisk.TryMount("32m");
        if (disk is null)
        {
            Assert.Skip("Mounting a tmpfs needs root.");
        }
        await using var host = await ServiceHost.StartAsync(new ServiceHostOptions
        {
            DataDirectory = disk.Path,
            Settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["Storage:Provider"] = "Local",
                ["Storage:ReservedSpace"] = "0",
            },
        });
        using var api = new UploadApi(host);
        var ids = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            ids.Add((await api.CreateFor([1], "asset", $"a{i}.bin", "application/octet-stream")).Id);
        }
        var reader = new SqliteConnection($"Data Source={Path.Combine(disk.Path, "uploads.db")};Pooling=False");
        await reader.OpenAsync();
        var snapshot = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM uploads;";
            read.Transaction = snapshot;
            await read.ExecuteScalarAsync();
        }
        disk.Fill();

        var (refused, response) = await AbortUntilRefusedAsync(api, ids);

        await ProblemAssert.IsProblem(response, HttpStatusCode.InsufficientStorage, "insufficient_storage");
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        snapshot.Dispose();
        await reader.DisposeAsync();
        File.Delete(Path.Combine(disk.Path, "filler"));
        var again = await api.ActionAsync(refused, "abort");
        Assert.True(again.StatusCode == HttpStatusCode.OK, $"abort once space is back: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");
        Assert.Equal("failed", (await api.RetrieveAsync(refused)).Status);
        var bytes = UploadFlowTests.RandomBytes(4096, seed: 5);
        Assert.Equal(UploadApi.Sha256(bytes), (await api.UploadAsync(bytes, "asset", "after.bin", "application/octet-stream")).Sha256);
    }

    /// <summary>Aborts the uploads one by one until the database cannot take one: that upload and the answer.</summary>
    private static async Task<(string Id, HttpResponseMessage Response)> AbortUntilRefusedAsync(UploadApi api, List<string> ids)
    {
        foreach (var id in ids)
        {
            var response = await api.ActionAsync(id, "abort");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (id, response);
            }
        }
        throw new Xunit.Sdk.XunitException($"All {ids.Count} aborts went through: the write-ahead log never had to grow.");
    }
}
