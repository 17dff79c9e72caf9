using Scenario.Bench.Cases;
using Scenario.Bench.Harness;

namespace Scenario.Bench.Report;

/// <summary>The table of ratios of medians with their goals (issue 5's, issue 18's for the new build and the baseline).</summary>
internal static class RatioRows
{
    public static void Write(Table t, HugeOutcome huge, string? baselineRev)
    {
        foreach (var c in (int[])[4, 8])
        {
            t.Ratio($"1. service / nginx throughput, {c} clients", t.Median($"upload.nginx.c{c}"), t.Median($"upload.service.c{c}"), "≥ 1.0×");
            t.Ratio($"1. service / tus throughput, {c} clients", t.Median($"upload.tus.c{c}"), t.Median($"upload.service.c{c}"), "≥ 2×");
            t.Ratio($"1. tus / dd (the disk) throughput, {c} clients", t.Median($"upload.disk.c{c}"), t.Median($"upload.tus.c{c}"));
            t.Ratio($"1. best runs: service / nginx throughput, {c} clients", t.Best($"upload.nginx.c{c}"), t.Best($"upload.service.c{c}"));
            t.Ratio($"1. best runs: service / tus throughput, {c} clients", t.Best($"upload.tus.c{c}"), t.Best($"upload.service.c{c}"));
        }
        t.Ratio("1. in memory: service / tus throughput, 8 clients", t.Median("upload.tus.mem.c8"), t.Median("upload.service.mem.c8"), "(≥ 2×)");
        Issue18(t, "", "");
        if (baselineRev is not null)
        {
            Issue18(t, ".base", $" (baseline {baselineRev})");
        }
        // curl sends the 8 parts at once, not in order: point 3's goal is for in-order uploads, these keep issue 5's.
        t.Ratio("3. complete→imported / .NET SHA-256 time, 1 GiB, curl (parts at once)", t.Median("import.1g"), t.Median("dotnet_sha.1g"), "≤ 1.2×");
        t.Ratio("3. complete→imported / .NET SHA-256 time, 4 GiB, curl (parts at once)", t.Median("import.4g"), t.Median("dotnet_sha.4g"), "≤ 1.2×");
        t.Ratio("2. bare .NET HttpClient / curl throughput (the platform's ceiling)", t.Median("curl_total.c8"), t.Median("raw.c8"));
        t.Ratio("3. complete→imported / sha256sum time, 4 GiB", t.Median("import.4g"), t.Median("sha256sum.4g"));
        t.Ratio("4. retrieve / minimal req/s", t.Median("rps.get.service"), t.Median("rps.get.minimal"), "≥ 0.5×");
        t.Ratio("4. create / minimal req/s", t.Median("rps.create.service"), t.Median("rps.create.minimal"), "≥ 0.25×");
        t.Ratio("7. page / CLI throughput", t.Median("cli.page"), t.Median("page.1g"), "≥ 0.8×");
        t.Ratio("7. bare fetch in Chromium / CLI throughput (the browser's ceiling)", t.Median("cli.page"), t.Median("fetch.1g"));
        t.Ratio("7. page / bare fetch throughput (what the page costs)", t.Median("fetch.1g"), t.Median("page.1g"));
        HugeGoals(t, huge);
        t.Ratio("8. small files per second / goal of 500", t.Median("small.files_per_s"), 500, "≥ 1.0×");
        t.Ratio("10. tus-js-client: service / @tus/server throughput", t.Median("tus.node"), t.Median("tus.service"), "≥ 2×");
        t.Ratio("10. tus-js-client: service / @tus/server sent the chunks in one upload", t.Median("tus.node_serial"), t.Median("tus.service"));
        t.Ratio("10. service: tus-js-client / CLI multipart throughput", t.Median("tus.multipart"), t.Median("tus.service"), "≥ 0.9×");
        t.Ratio("10. service peak RSS: tus / multipart", t.Median("rss.tus.service"), t.Median("rss.tus.multipart"), "≈ 1× (as flat)");
    }

    /// <summary>Issue 18's goals, for the new binaries (tag "") or the baseline's (".base").</summary>
    private static void Issue18(Table t, string tag, string label)
    {
        t.Ratio($"1. in memory: service / nginx throughput, 8 clients{label}", t.Median("upload.nginx.mem.c8"), t.Median($"upload.service.mem.c8{tag}"), "≥ 1.0×");
        t.Ratio($"2. SDK / curl throughput{label}", t.Median($"curl_total.c8{tag}"), t.Median($"sdk.c8{tag}"), "≥ 1.0×");
        t.Ratio($"2. CLI / curl throughput{label}", t.Median($"curl_total.c8{tag}"), t.Median($"cli.c8{tag}"), "≥ 1.0×");
        t.Ratio($"3. complete→imported / SHA-256, SDK default plan, 1 GiB{label}", t.Median($"import.sdk.1g{tag}"), t.Median("dotnet_sha.1g"), "≤ 0.2×");
        t.Ratio($"3. complete→imported / SHA-256, SDK default plan, 4 GiB{label}", t.Median($"import.sdk.4g{tag}"), t.Median("dotnet_sha.4g"), "≤ 0.2×");
        t.Ratio($"3. complete→imported / SHA-256, CLI default plan, 1 GiB{label}", t.Median($"import.cli.1g{tag}"), t.Median("dotnet_sha.1g"), "≤ 0.2×");
    }

    private static void HugeGoals(Table t, HugeOutcome huge)
    {
        if (huge.Gib is not { } gib)
        {
            return;
        }
        t.Line($"| 9. {gib} GiB: CLI peak RSS | {Number.Fixed(t.Median("rss.cli_default.huge") ?? 0, 0)} MiB | < 100 MiB |");
        t.Line($"| 9. {gib} GiB: service peak RSS | {Number.Fixed(t.Median("rss.service.huge") ?? 0, 0)} MiB | < 250 MiB |");
        // Past the page cache's size the yardstick reads the stored file back from the disk, the import (just after the
        // last part) partly from the cache: the ratio flatters the import there; its seconds per GiB are the plain figure.
        t.Ratio($"9. {gib} GiB: complete→imported / .NET SHA-256 of the stored file (read back from disk past ~20 GiB)",
            t.Median("import.cli.huge"), t.Median("dotnet_sha.huge"), "≤ 0.2× (point 3)");
        t.Ratio("9. disk: zeros / random bytes, dd + fsync throughput (≫ 1 would flatter a sparse source)", t.Median("disk.4g.random"), t.Median("disk.4g.zeros"));
        t.Line();
        var random = t.Median("disk.4g.random");
        t.Line($"Case 9 throughput: the CLI {Number.Fixed(t.Median("huge.gibps") ?? 0, 3)} GiB/s; the disk (dd of random bytes) {(random > 0 ? Number.Fixed(4 / random.Value, 3) : "")} GiB/s.");
    }
}
