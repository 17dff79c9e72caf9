using System.Collections.Concurrent;
using System.Diagnostics;
using Scenario.Models;
using Scenario.Transfers;

namespace Scenario.Bench;

/// <summary>
/// Case 8: every file of a folder through <c>UploadFileAsync</c>, CONCURRENCY files at once, each without
/// waiting for its import; one poller meanwhile retrieves the completed ones, oldest first, until each is imported. Timed
/// from the first create to the last import seen. Prints the seconds, the files, files per second and the
/// seconds from the last complete to the last import (the job worker's tail).
/// </summary>
internal static class SdkMany
{
    public static async Task<int> RunAsync(string directory, int concurrency)
    {
        var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
        using var client = new ScenarioClient();
        await WarmUpAsync(client, files[0]);
        var completed = new ConcurrentQueue<string>();
        using var sending = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var poller = PollAsync(client, completed, files.Length);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (file, token) =>
        {
            var upload = await client.Uploads.UploadFileAsync(file, new UploadFileOptions
            {
                Kind = UploadKind.Image,
                WaitForImport = false,
                Concurrency = 1,
            }, token);
            completed.Enqueue(upload.Id);
        });
        var sent = watch.Elapsed.TotalSeconds;
        var failed = await poller;
        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{seconds:F3} {files.Length} {files.Length / seconds:F1} {seconds - sent:F3}"));
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// One request at a time, on the oldest upload not yet seen imported: the worker claims jobs oldest first,
    /// so imports end about in the order the completes did, and this costs the service about one retrieve per
    /// file (a sweep over every waiting upload every few milliseconds made 50 per file, a third of its CPU).
    /// </summary>
    private static async Task<int> PollAsync(ScenarioClient client, ConcurrentQueue<string> completed, int total)
    {
        var done = 0;
        var failed = 0;
        var deadline = Stopwatch.StartNew();
        while (done < total)
        {
            if (!completed.TryPeek(out var id))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2));
                continue;
            }
            var upload = (await client.Uploads.RetrieveAsync(id)).Upload;
            if (upload.Status == UploadStatus.Imported || upload.Status == UploadStatus.Failed)
            {
                if (upload.Status == UploadStatus.Failed)
                {
                    Console.Error.WriteLine($"upload {id} failed: {upload.ErrorMessage}");
                    failed++;
                }
                completed.TryDequeue(out _);
                done++;
                continue;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine($"{total - done} uploads not imported in time");
                return failed + total - done;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(2));
        }
        return failed;
    }

    /// <summary>One file through the same path, untimed, so this process's JIT and connection are not in the figures.</summary>
    private static async Task WarmUpAsync(ScenarioClient client, string file)
    {
        var upload = await client.Uploads.UploadFileAsync(file, new UploadFileOptions { Kind = UploadKind.Image, FileName = "warm-up.png" });
        if (upload.Status != UploadStatus.Imported)
        {
            throw new InvalidOperationException($"The warm-up upload ended {upload.Status}.");
        }
    }
}
