using System.IO.Hashing;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Scenario.Testing;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Hashing;
using Scenario.Uploads.Server.Telemetry;
using Scenario.Uploads.Storage;

namespace Scenario.Uploads.Server.Tests.Hashing;

/// <summary>The hasher and its saved state on their own, over a real folder of the local disk store.</summary>
public sealed class UploadHasherTests : IDisposable
{
    private const int PartSize = 5 * 1024 * 1024;
    private readonly string _folder = TempDirectory.Create();
    private readonly LocalDiskBlobStore _store;
    private readonly CheckpointStore _checkpoints;
    private readonly PartPlan _plan = new(3L * PartSize - 1000, 3, PartSize);

    public UploadHasherTests() => (_store, _checkpoints) = (new LocalDiskBlobStore(_folder), new CheckpointStore(_folder));

    public void Dispose() => TempDirectory.TryDelete(_folder);

    [Fact]
    public void A_saved_state_restored_and_continued_gives_the_same_sha256_as_one_pass()
    {
        Assert.True(Sha256State.IsAvailable, "OpenSSL's SHA-256 is on every Linux machine the service runs on.");
        var data = RandomNumberGenerator.GetBytes(100_003);
        foreach (var split in new[] { 0, 1, 63, 64, 65, 4096, 99_999, data.Length })
        {
            var state = Sha256State.Start();
            state.Append(data.AsSpan(0, split));
            var restored = Sha256State.Import(state.Export());
            restored.Append(data.AsSpan(split));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), restored.ToHex());
        }
    }

    [Fact]
    public void A_checkpoint_reads_back_whole_and_anything_torn_or_foreign_reads_as_none()
    {
        var digests = new[] { RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16) };
        var checkpoint = new HashCheckpoint(2, Sha256State.Start().Export(), digests);
        var bytes = checkpoint.ToBytes();

        var back = HashCheckpoint.FromBytes(bytes)!;
        Assert.Equal(2, back.Parts);
        Assert.Equal(checkpoint.State, back.State);
        Assert.Equal(digests, back.PartDigests);
        Assert.Null(HashCheckpoint.FromBytes(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(HashCheckpoint.FromBytes([]));
        var flipped = (byte[])bytes.Clone();
        flipped[30] ^= 1;
        Assert.Null(HashCheckpoint.FromBytes(flipped));
    }

    [Fact]
    public async Task Bytes_changed_behind_its_back_are_caught_by_the_part_etags_and_hashed_again()
    {
        var key = "uploads/upload_hasher1";
        var original = RandomNumberGenerator.GetBytes((int)_plan.FileSize);
        using var hasher = new UploadHasher(_store, "upload_hasher1", key, _plan, _checkpoints, NewMetrics());
        for (var n = 1; n <= 3; n++)
        {
            await WriteAsync(hasher, key, n, original);
        }
        await WaitUntilAsync(() => hasher.Position == _plan.FileSize);

        // Another instance writes part 2 again with other bytes: this hasher never hears of it.
        var changed = (byte[])original.Clone();
        RandomNumberGenerator.Fill(changed.AsSpan(PartSize, PartSize));
        await File.WriteAllBytesAsync(_store.PathOf(key), changed);

        var sha256 = await hasher.FinishAsync(PartsOf(changed), new Progress<double>(), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(changed)), sha256);
    }

    [Fact]
    public async Task A_hasher_made_after_a_restart_starts_from_the_saved_checkpoint_if_its_parts_still_match()
    {
        var key = "uploads/upload_hasher2";
        var bytes = RandomNumberGenerator.GetBytes((int)_plan.FileSize);
        for (var n = 1; n <= 3; n++)
        {
            await using var content = new MemoryStream(bytes, (int)_plan.OffsetOf(n), (int)_plan.SizeOf(n));
            await _store.WritePartAsync(key, _plan.OffsetOf(n), _plan.SizeOf(n), PipeReader.Create(content), false, null, CancellationToken.None);
        }
        // What a hasher that had read parts 1 and 2 before the crash left.
        var state = Sha256State.Start();
        state.Append(bytes.AsSpan(0, 2 * PartSize));
        _checkpoints.SaveQuietly("upload_hasher2", new HashCheckpoint(2, state.Export(), [XxHash128.Hash(bytes.AsSpan(0, PartSize)), XxHash128.Hash(bytes.AsSpan(PartSize, PartSize))]));
        var metrics = NewMetrics();
        long hashed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "scenario.uploads.sha256.hashed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref hashed, value));
        listener.Start();

        using var hasher = new UploadHasher(_store, "upload_hasher2", key, _plan, _checkpoints, metrics);
        Assert.Equal(2L * PartSize, hasher.Position);
        var sha256 = await hasher.FinishAsync(PartsOf(bytes), new Progress<double>(), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256);
        Assert.Equal(_plan.SizeOf(3), Interlocked.Read(ref hashed));
    }

    private static UploadsMetrics NewMetrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private async Task WriteAsync(UploadHasher hasher, string key, int number, byte[] file)
    {
        hasher.PartStarting(number);
        hasher.EnsureRunning();
        using var follower = new PartFollower(hasher, number);
        await using var content = new MemoryStream(file, (int)_plan.OffsetOf(number), (int)_plan.SizeOf(number));
        var written = await _store.WritePartAsync(key, _plan.OffsetOf(number), _plan.SizeOf(number), PipeReader.Create(content), false, follower, CancellationToken.None);
        Assert.Equal(PartWriteStatus.Written, written.Status);
        follower.Whole = true;
    }

    private IReadOnlyList<PartRecord> PartsOf(byte[] file) =>
        Enumerable.Range(1, 3).Select(n => new PartRecord(n, _plan.SizeOf(n),
            ServicePartETag.FromXxh128(XxHash128.Hash(file.AsSpan((int)_plan.OffsetOf(n), (int)_plan.SizeOf(n)))), DateTimeOffset.UtcNow)).ToList();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The hasher did not get there.");
            await Task.Delay(10);
        }
    }
}
