namespace Scenario.Bench.Harness;

/// <summary>One system of a round: a measurement against the turn's service, given the round's number and clients.</summary>
internal delegate Task SystemRun(Turn turn, int rep, int concurrency);

/// <summary>
/// Shuffled rounds. This machine's disk (a VM's) changes speed from one GiB to the next: a fresh order each round
/// spreads that over every system (a fixed rotation kept each system behind the same one), and each system starts once
/// the previous one's writes and deletions are on disk. The order comes from shuf fed by AES-CTR of a seed, so a
/// round's order is the same from run to run. A system named NAME_base is NAME against the baseline's service.
/// </summary>
internal sealed class Rounds(BenchContext bench, IReadOnlyDictionary<string, SystemRun> systems)
{
    /// <summary>The systems and, with a baseline, each one's twin (when it has one, and the baseline's helper can run it).</summary>
    public IEnumerable<string> WithBase(params IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            yield return name;
            if (bench.HasBaseline && systems.ContainsKey(name + "_base") && !(bench.Settings.BaselineOwnHelper && name.Contains("_default")))
            {
                yield return name + "_base";
            }
        }
    }

    public async Task RunAsync(string seed, IEnumerable<string> names, Place place, int rep, int concurrency, bool warming = false)
    {
        foreach (var name in await ShuffleAsync(seed, names))
        {
            await Proc.RunAsync("sync", []);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var run = systems[name];
            if (name.EndsWith("_base", StringComparison.Ordinal))
            {
                await bench.AsBaseAsync(place, warming, turn => run(turn, rep, concurrency));
            }
            else
            {
                await run(bench.TurnOn(place, warming), rep, concurrency);
            }
        }
    }

    public static async Task<string[]> ShuffleAsync(string seed, IEnumerable<string> names) =>
        (await Proc.BashAsync(
            "printf '%s\\n' \"${@:2}\" | shuf --random-source=<(openssl enc -aes-128-ctr -pass \"pass:$1\" -nosalt -pbkdf2 < /dev/zero 2>/dev/null)",
            [seed, .. names]))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
