using System.Net;
using Scenario.Testing;

namespace Scenario.Uploads.Server.Tests;

/// <summary>Complete and part PUTs racing each other never certify a part that is half written.</summary>
public sealed class RaceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const int MiB = 1024 * 1024;

    [Fact(Skip = TestBackend.LocalPartsOnly, SkipType = typeof(TestBackend), SkipUnless = nameof(TestBackend.PartsGoThroughService))]
    public async Task Complete_while_a_part_is_being_sent_again_sees_that_part_as_missing()
    {
        var api = fixture.Api;
        var bytes = UploadFlowTests.RandomBytes(10 * MiB, seed: 41);
        var upload = await api.CreateFor(bytes, "asset", "race.bin", "application/octet-stream", parts: 2);
        var id = upload.Id;
        await api.PutPartsAsync(upload, bytes);
        var gate = new TaskCompletionSource();
        var slowBody = new GatedStream(bytes.AsMemory(0, 5 * MiB), firstChunk: MiB, gate.Task);
        var content = new StreamContent(slowBody);
        content.Headers.ContentLength = 5 * MiB;
        using var anonymous = Testing.ServiceHost.CreateAnonymousClient();
        var resend = anonymous.PutAsync(upload.Parts[0].Url, content);
        await WaitUntilPartIsForgotten(api, id);

        var early = await api.ActionAsync(id, "complete");
        gate.SetResult();
        var resent = await resend;

        var problem = await ProblemAssert.IsProblem(early, HttpStatusCode.BadRequest, "parts_missing");
        Assert.Equal([1], problem.Json.GetProperty("missingParts").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        await api.CompleteAsync(id);
        var done = await api.WaitForEndAsync(id);
        Assert.Equal(UploadApi.Sha256(bytes), done.Sha256);
    }

    private static async Task WaitUntilPartIsForgotten(UploadApi api, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await api.RetrieveAsync(id)).Parts[0].Uploaded)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service never started rewriting the part");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends a first chunk, then holds the rest back until the gate opens.</summary>
    private sealed class GatedStream(ReadOnlyMemory<byte> data, int firstChunk, Task gate) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= firstChunk)
            {
                await gate.WaitAsync(cancellationToken);
            }
            var limit = _position < firstChunk ? firstChunk : data.Length;
            var count = Math.Min(buffer.Length, limit - _position);
            data.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
