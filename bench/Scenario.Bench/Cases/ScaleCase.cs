using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 5: one upload of 10,000 parts: create and retrieve (time and size of the answer), and complete with no part
/// sent, which checks all 10,000 parts and answers 400 parts_missing listing them (the worst answer it can give).
/// </summary>
internal sealed class ScaleCase(BenchContext bench)
{
    private const long Size = 10000L * 5 * 1024 * 1024;

    public async Task RunAsync()
    {
        var service = bench.New(bench.Disk);
        var turn = bench.TurnOn(bench.Disk);
        // The service refuses (507) an upload that cannot fit on its disk, and what the earlier cases imported stays
        // stored: with less free than the 50 GB declared, the case is skipped, saying so.
        var free = new DriveInfo(service.DataDirectory).AvailableFreeSpace;
        if (free < Size)
        {
            Log.Line($"case 5 skipped: its upload declares {Size >> 30} GiB and {free >> 30}G are free (the service would answer 507)");
            return;
        }
        var answer = Path.Combine(bench.Settings.Scratch, "scale.json");
        for (var i = 0; i < bench.Settings.Reps; i++)
        {
            var created = Words(await Curl.ApiAsync(service, $"{service.Url}/v1/uploads", "-H", "Content-Type: application/json", "-o", answer,
                "-w", "%{time_total} %{size_download}", "-d", Curl.CreateBody("scale.bin", Size, 10000)));
            turn.Record("scale.create.s", created[0]);
            turn.Record("scale.create.bytes", created[1]);
            var id = Curl.IdOf(await File.ReadAllTextAsync(answer));
            var retrieved = Words(await Curl.ApiAsync(service, $"{service.Url}/v1/uploads/{id}", "-o", "/dev/null", "-w", "%{time_total} %{size_download}"));
            turn.Record("scale.retrieve.s", retrieved[0]);
            turn.Record("scale.retrieve.bytes", retrieved[1]);
            var missing = await Proc.RunAsync("curl", ["-s", "-H", $"Authorization: Basic {Service.BasicAuth}", $"{service.Url}/v1/uploads/{id}/action",
                "-H", "Content-Type: application/json", "-d", "{\"action\":\"complete\"}", "-o", "/dev/null", "-w", "%{time_total}"]);
            turn.Record("scale.complete_missing.s", missing);
            await Curl.AbortAsync(service, id);
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
