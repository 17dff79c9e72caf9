using Scenario.Bench.Cases;

namespace Scenario.Bench.Report;

/// <summary>The table of measures, case by case, in the order and with the labels it always had.</summary>
internal static class MeasureRows
{
    public static void Write(Table t, HugeOutcome huge, int tusMib)
    {
        foreach (var c in (int[])[4, 8])
        {
            t.Row($"1. 1 GiB, 8×128 MiB, {c} curl: service PUTs (s)", $"upload.service.c{c}", "s");
            t.Row($"1. 1 GiB, {c} curl: nginx WebDAV PUTs + sync (s)", $"upload.nginx.c{c}", "s");
            t.Row($"1. 1 GiB, {c} curl: @tus/server PATCHes + sync (s)", $"upload.tus.c{c}", "s");
            t.Row("1. 1 GiB, same rotation: dd + fsync, no network (s)", $"upload.disk.c{c}", "s");
        }
        t.Row("1. in memory (tmpfs), 8 curl: service PUTs (s)", "upload.service.mem.c8", "s");
        t.Row("1. in memory (tmpfs), 8 curl: nginx WebDAV PUTs + sync (s)", "upload.nginx.mem.c8", "s");
        t.Row("1. in memory (tmpfs), 8 curl: @tus/server PATCHes + sync (s)", "upload.tus.mem.c8", "s");
        Clients(t);
        Complete(t);
        Api(t);
        ScaleAndMemory(t);
        t.Row("7. 1 GiB through the upload page, headless Chromium (s)", "page.1g", "s");
        t.Row("7. 1 GiB, same rounds: bare fetch PUTs from the same Chromium, no page (s)", "fetch.1g", "s");
        t.Row("7. 1 GiB, same rounds: CLI scenario upload --no-wait (s)", "cli.page", "s");
        Huge(t, huge);
        t.Row("8. 2,000 PNGs of 100 KiB, 16 at once through the SDK, until all imported (files/s)", "small.files_per_s", "files/s", digits: 1);
        t.Row("8. repository calls (database round trips) per file", "small.calls_per_file", "", digits: 1);
        t.Row("8. job steps per file, summed (ms)", "small.job_ms_per_file", "ms", digits: 2);
        t.Row("8. last complete → last import (s)", "small.tail_s", "s");
        t.Row("8. the job worker's tail, share of the whole time", "small.tail_share", "", 100, 1, percent: true);
        Tus(t, tusMib);
    }

    private static void Tus(Table t, int mib)
    {
        var size = mib == 1024 ? "1 GiB" : $"{mib} MiB";
        t.Row($"10. {size} through tus-js-client (64 MiB chunks, 4 in parallel) to the service's /v1/tus (s)", "tus.service", "s");
        t.Row($"10. {size}, same rounds: tus-js-client to @tus/server, + sync (s)", "tus.node", "s");
        t.Row($"10. {size}, same rounds: tus-js-client to @tus/server, the chunks in one upload (no parallel), + sync (s)", "tus.node_serial", "s");
        t.Row($"10. {size}, same rounds: CLI scenario upload --no-wait, 64 MiB parts, 4 at once (s)", "tus.multipart", "s");
        t.Row("10. tus-js-client to the service, until imported (s)", "tus.service.imported", "s");
        t.Row("10. the CLI, until imported (s)", "tus.multipart.imported", "s");
        t.Row("10. service peak RSS, tus-js-client's upload and its import (MiB)", "rss.tus.service", "MiB", digits: 0);
        t.Row("10. @tus/server peak RSS (MiB)", "rss.tus.node", "MiB", digits: 0);
        t.Row("10. @tus/server peak RSS, the chunks in one upload (MiB)", "rss.tus.node_serial", "MiB", digits: 0);
        t.Row("10. service peak RSS, the CLI's upload and its import (MiB)", "rss.tus.multipart", "MiB", digits: 0);
        t.Row("10. tus-js-client peak RSS (MiB)", "rss.tus.service.client", "MiB", digits: 0);
        t.Row("10. CLI peak RSS (MiB)", "rss.tus.multipart.client", "MiB", digits: 0);
    }

    private static void Clients(Table t)
    {
        t.Row("2. 1 GiB, 8 at once: curl create + PUTs + complete (s)", "curl_total.c8", "s");
        t.Row("2. 1 GiB, 8 at once: SDK UploadFileAsync (s)", "sdk.c8", "s");
        t.Row("2. 1 GiB, 8 at once: CLI scenario upload --no-wait (s)", "cli.c8", "s");
        t.Row("2. 1 GiB, 8 at once: bare .NET HttpClient, no SDK (s)", "raw.c8", "s");
        t.Row("2. 1 GiB, the SDK's default plan (8 MiB parts, 4 at once): UploadFileAsync (s)", "sdk_default.1g", "s");
        t.Row("2. 1 GiB, the CLI's default plan: scenario upload --no-wait (s)", "cli_default.1g", "s");
        t.Row("2. 4 GiB, the SDK's default plan: UploadFileAsync (s)", "sdk_default.4g", "s");
    }

    private static void Complete(Table t)
    {
        t.Row("3. complete, 64 MiB (ms)", "complete.64m", "ms", 1000, 1);
        t.Row("3. complete, 4 GiB (ms)", "complete.4g", "ms", 1000, 1);
        t.Row("3. complete → imported, 64 MiB (s)", "import.64m", "s");
        t.Row("3. complete → imported, 1 GiB (s)", "import.1g", "s");
        t.Row("3. complete → imported, 4 GiB (s)", "import.4g", "s");
        t.Row("3. complete → imported, 1 GiB sent in order by the SDK's default plan (s)", "import.sdk.1g", "s");
        t.Row("3. complete → imported, 4 GiB sent in order by the SDK's default plan (s)", "import.sdk.4g", "s");
        t.Row("3. complete → imported, 1 GiB sent in order by the CLI's default plan (s)", "import.cli.1g", "s");
        t.Row("3. sha256sum of the stored 1 GiB (s)", "sha256sum.1g", "s");
        t.Row("3. .NET SHA256.HashData of the stored 1 GiB (s)", "dotnet_sha.1g", "s");
        t.Row("3. sha256sum of the stored 4 GiB (s)", "sha256sum.4g", "s");
        t.Row("3. .NET SHA256.HashData of the stored 4 GiB (s)", "dotnet_sha.4g", "s");
    }

    private static void Api(Table t)
    {
        t.Row("4. GET /v1/uploads/{id} (req/s)", "rps.get.service", "req/s", digits: 0);
        t.Row("4. minimal endpoint, same JSON size (req/s)", "rps.get.minimal", "req/s", digits: 0);
        t.Row("4. POST /v1/uploads, 8 parts (req/s)", "rps.create.service", "req/s", digits: 0);
        t.Row("4. minimal POST endpoint, same JSON size (req/s)", "rps.create.minimal", "req/s", digits: 0);
        t.Row("4. GET /v1/uploads/{id} p99 (ms)", "p99.get.service", "ms");
        t.Row("4. minimal GET p99 (ms)", "p99.get.minimal", "ms");
        t.Row("4. POST /v1/uploads p99 (ms)", "p99.create.service", "ms");
        t.Row("4. minimal POST p99 (ms)", "p99.create.minimal", "ms");
        t.Row("4. response bytes: GET", "size.get", "B", digits: 0);
        t.Row("4. response bytes: POST", "size.create", "B", digits: 0);
    }

    private static void ScaleAndMemory(Table t)
    {
        t.Row("5. create, 10,000 parts (ms)", "scale.create.s", "ms", 1000, 1);
        t.Row("5. create, 10,000 parts (response bytes)", "scale.create.bytes", "B", digits: 0);
        t.Row("5. retrieve, 10,000 parts (ms)", "scale.retrieve.s", "ms", 1000, 1);
        t.Row("5. retrieve, 10,000 parts (response bytes)", "scale.retrieve.bytes", "B", digits: 0);
        t.Row("5. complete, 10,000 parts none sent (ms)", "scale.complete_missing.s", "ms", 1000, 1);
        t.Row("6. 8 concurrent 1 GiB uploads (s)", "mem.8x1g.s", "s");
        t.Row("6. service RSS just before them (MiB)", "rss.service.before", "MiB", digits: 0);
        t.Row("6. service peak RSS during them (MiB)", "rss.service", "MiB", digits: 0);
        t.Row("6. CLI peak RSS, 1 GiB upload (MiB)", "rss.cli", "MiB", digits: 0);
        t.Row("6. CLI peak RSS, 1 GiB upload, its default plan (MiB)", "rss.cli_default.1g", "MiB", digits: 0);
    }

    private static void Huge(Table t, HugeOutcome huge)
    {
        if (huge.Refused is { } refused)
        {
            t.Line($"| 9. {refused} | n/a |");
            return;
        }
        if (huge.Gib is not { } gib)
        {
            return;
        }
        t.Row("9. disk alone: 4 GiB of random bytes, dd + fsync (s)", "disk.4g.random", "s");
        t.Row("9. disk alone: 4 GiB of zeros, dd + fsync (s)", "disk.4g.zeros", "s");
        if (huge.Invalid is { } invalid)
        {
            t.Line($"| 9. {invalid} | n/a |");
        }
        t.Row($"9. {gib} GiB ({huge.Source} source) through the CLI, default plan, --no-wait (s)", "cli_default.huge", "s");
        t.Row($"9. {gib} GiB through the CLI: throughput (GiB/s)", "huge.gibps", "GiB/s");
        t.Row($"9. {gib} GiB: CLI peak RSS (MiB)", "rss.cli_default.huge", "MiB", digits: 0);
        t.Row($"9. {gib} GiB: service peak RSS during the upload and its import (MiB)", "rss.service.huge", "MiB", digits: 0);
        t.Row($"9. {gib} GiB: complete → imported (s)", "import.cli.huge", "s");
        t.Row($"9. {gib} GiB: .NET SHA-256 of the stored file (s)", "dotnet_sha.huge", "s");
    }
}
