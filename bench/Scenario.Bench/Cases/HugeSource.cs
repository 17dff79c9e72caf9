using System.Diagnostics;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>Case 9's source file, made as BENCH_HUGE_SOURCE says; disposing it stops the window's filler and removes the file.</summary>
internal sealed class HugeSource(string file, Process? filler) : IAsyncDisposable
{
    public string File => file;

    public static async Task<HugeSource> MakeAsync(BenchContext bench, string source, int gib)
    {
        var scratch = bench.Settings.Scratch;
        var size = ((long)gib << 30).ToString();
        switch (source)
        {
            case "window":
                var file = Path.Combine(bench.Settings.Memory, "huge.bin");
                var log = Path.Combine(scratch, "window.log");
                var filler = bench.Processes.Add(Proc.StartLogged(BenchContext.Helper,
                    ["window-source", file, size, bench.Data.Big, Path.Combine(bench.New(bench.Disk).DataDirectory, "blobs", "uploads")], log));
                for (var i = 0; i < 300 && !Ready(log); i++)
                {
                    await Task.Delay(200);
                }
                if (!Ready(log))
                {
                    Console.Error.Write(System.IO.File.ReadAllText(log));
                    throw new BenchFailure("case 9: the window source did not start");
                }
                return new HugeSource(file, filler);
            case "sparse":
                await Proc.RunAsync("truncate", ["-s", $"{gib}G", Path.Combine(scratch, "huge.bin")]);
                return new HugeSource(Path.Combine(scratch, "huge.bin"), null);
            default:
                Log.Line($"case 9: writing a {gib} GiB random source");
                await Proc.BashAsync(
                    "(set +o pipefail; openssl enc -aes-128-ctr -pass pass:scenario-huge -nosalt -pbkdf2 < /dev/zero 2>/dev/null | head -c \"$2\" > \"$1\"); sync",
                    Path.Combine(scratch, "huge.bin"), size);
                await Task.Delay(TimeSpan.FromSeconds(1));
                return new HugeSource(Path.Combine(scratch, "huge.bin"), null);
        }
    }

    private static bool Ready(string log) => System.IO.File.Exists(log) && System.IO.File.ReadAllText(log).Contains("ready");

    public ValueTask DisposeAsync()
    {
        if (filler is { HasExited: false })
        {
            Processes.Stop(filler);
        }
        System.IO.File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
