using System.Diagnostics;
using Scenario.Bench;

// bench/run starts `run` (the benchmark itself: Harness/, Cases/, Report/), which calls the other commands, each in a
// process of its own as a client would be; each prints its seconds (and an id, or a second figure) on standard output.
return args switch
{
    ["run"] => await Scenario.Bench.Harness.BenchRun.RunAsync(),
    ["report", var results] => Scenario.Bench.Report.ReportCommand.Run(results),
    ["sdk-upload", var file, var concurrency, var partSize] => await SdkUpload.RunAsync(file, int.Parse(concurrency), long.Parse(partSize)),
    ["raw-upload", var file, var concurrency, var partSize] => await RawUpload.RunAsync(file, int.Parse(concurrency), long.Parse(partSize)),
    ["sha256", var file] => FileSha256.Run(file),
    ["complete-and-wait", var uploadId] => await CompleteAndWait.RunAsync(uploadId),
    ["sdk-import", var file] => await SdkImport.RunAsync(file),
    ["wait-imported", var uploadId] => await WaitImported.RunAsync(uploadId),
    ["window-source", var source, var size, var pattern, var uploads] => await WindowSource.RunAsync(source, long.Parse(size), pattern, uploads),
    ["window-sha256", var size, var pattern] => WindowSource.ExpectedSha256(long.Parse(size), pattern),
    ["make-pngs", var directory, var count, var bytes] => MakePngs.Run(directory, int.Parse(count), int.Parse(bytes)),
    ["sdk-many", var directory, var concurrency] => await SdkMany.RunAsync(directory, int.Parse(concurrency)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Scenario.Bench run (from bench/run) | report RESULTS.tsv | sdk-upload FILE CONCURRENCY PART_SIZE | raw-upload FILE CONCURRENCY PART_SIZE | sha256 FILE | complete-and-wait UPLOAD_ID | sdk-import FILE | wait-imported UPLOAD_ID | window-source FILE SIZE PATTERN UPLOADS_DIR | window-sha256 SIZE PATTERN | make-pngs DIR COUNT BYTES | sdk-many DIR CONCURRENCY");
    return 2;
}

namespace Scenario.Bench
{
    internal static class Seconds
    {
        public static string Of(Stopwatch watch) => Of(watch.Elapsed);

        public static string Of(TimeSpan time) => time.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
    }
}
