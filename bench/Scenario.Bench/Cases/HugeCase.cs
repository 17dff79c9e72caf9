using System.Diagnostics;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Cases;

/// <summary>
/// Case 9 (only when named): one file of BENCH_HUGE_GIB GiB through <c>scenario upload FILE --kind asset --no-wait</c>
/// with the CLI's default plan on local disk: throughput, the CLI's peak RSS, the service's (VmHWM reset before the
/// upload, read after the import), complete → imported against one .NET SHA-256 pass of the stored file, and the disk
/// alone (dd + fsync of 4 GiB of random bytes and of zeros) in the same run.
/// Where the bytes come from (BENCH_HUGE_SOURCE): the CLI cannot stream a pipe (it copies standard input to a temporary
/// file first: parts are read at any offset) and source + copy would need twice the size on disk; tmpfs cannot hold it
/// all and a sparse file (zeros) flatters the service, as this virtual disk takes zeros faster than other bytes. So by
/// default (window) the source is a sparse file on tmpfs that holds random bytes only around what the service has
/// stored (<see cref="WindowSource"/>), and the stored SHA-256 is checked against the pattern's: a read past the window
/// shows as an invalid case. sparse (zeros; the dd rows show by how much they flatter) and file (a random source on
/// disk, twice the size free) are the alternatives.
/// </summary>
internal sealed class HugeCase(BenchContext bench, ClientsCase clients)
{
    /// <summary>What the report says of case 9: its size and source when it ran, or why it did not, or why it is invalid.</summary>
    public HugeOutcome Outcome { get; } = new();

    public async Task RunAsync()
    {
        var (gib, source) = (bench.Settings.HugeGib, bench.Settings.HugeSource);
        if (!System.Text.RegularExpressions.Regex.IsMatch(gib, "^[1-9][0-9]*$") || !int.TryParse(gib, out var size))
        {
            throw new BenchFailure($"BENCH_HUGE_GIB must be a whole number of GiB, not '{gib}'");
        }
        var need = source switch
        {
            "window" or "sparse" => size + 8,
            "file" => 2 * size + 8,
            _ => throw new BenchFailure($"BENCH_HUGE_SOURCE must be window, sparse or file, not '{source}'"),
        };
        var scratch = bench.Settings.Scratch;
        var avail = (new DriveInfo(scratch).AvailableFreeSpace + (1L << 30) - 1) >> 30; // df -BG rounds up
        if (avail < need)
        {
            Outcome.Refused = $"case 9 not run: {size} GiB with a {source} source needs {need} GiB free in {scratch} (the service's copy, 4 GiB of dd, a margin), {avail} GiB are.";
            Log.Line(Outcome.Refused);
            return;
        }
        (Outcome.Gib, Outcome.Source) = (size, source);
        await DiskAloneAsync();
        var service = bench.New(bench.Disk);
        var turn = bench.TurnOn(bench.Disk);
        await using var window = await HugeSource.MakeAsync(bench, source, size);
        Log.Line($"case 9: {size} GiB ({source} source) through the CLI, its default plan");
        service.ResetPeak();
        var id = await clients.CliDefaultImportAsync(turn, window.File, "huge");
        turn.Record("rss.service.huge", service.StatusMiB("VmHWM"));
        await window.DisposeAsync();
        turn.Record("huge.gibps", Number.Rounded(size / (bench.Samples.Median("cli_default.huge") ?? 0)));
        Log.Line($"case 9: .NET SHA-256 of the stored {size} GiB");
        var stored = await CompleteCase.DotnetSha256Async(turn, service.StoredFile(id), "huge");
        File.Delete(service.StoredFile(id));
        if (source == "window")
        {
            var expected = (await Proc.RunAsync(BenchContext.Helper, ["window-sha256", ((long)size << 30).ToString(), bench.Data.Big])).Trim();
            if (expected != stored)
            {
                Outcome.Invalid = $"case 9 INVALID: the stored SHA-256 {stored} is not the window's {expected} (the CLI read past the window and sent zeros)";
            }
            Log.Line($"case 9: stored SHA-256 {stored[..16]}…, the window's {expected[..16]}…");
        }
    }

    private async Task DiskAloneAsync()
    {
        Log.Line("case 9: the disk alone: 4 GiB of random bytes, then 4 GiB of zeros, each dd + fsync");
        var copy = Path.Combine(bench.Settings.Scratch, "dd4.bin");
        var turn = bench.TurnOn(bench.Disk);
        await Proc.RunAsync("sync", []);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        await Proc.BashAsync("cat \"$1\" \"$1\" \"$1\" \"$1\" | dd of=\"$2\" bs=1M iflag=fullblock conv=fsync status=none", bench.Data.Big, copy);
        turn.Record("disk.4g.random", watch.Elapsed.TotalSeconds);
        File.Delete(copy);
        await Proc.RunAsync("sync", []);
        await Task.Delay(TimeSpan.FromSeconds(1));
        watch.Restart();
        await Proc.RunAsync("dd", ["if=/dev/zero", $"of={copy}", "bs=1M", "count=4096", "conv=fsync", "status=none"]);
        turn.Record("disk.4g.zeros", watch.Elapsed.TotalSeconds);
        File.Delete(copy);
        await Proc.RunAsync("sync", []);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }
}

/// <summary>Case 9 as the report shows it.</summary>
internal sealed class HugeOutcome
{
    public int? Gib { get; set; }
    public string Source { get; set; } = "";
    public string? Refused { get; set; }
    public string? Invalid { get; set; }
}
