using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

// Upload throughput of one file to the same S3 store, two ways, same part size and concurrency:
//   service: create an upload, PUT every part to the presigned URLs the service signs, complete;
//   sdk:     the AWS SDK straight to the store (InitiateMultipartUpload, UploadPart, Complete).
// Usage: S3Throughput <serviceBaseUrl> <apiKey> <apiSecret> <s3Endpoint> <accessKey> <secretKey> <bucket> <MiB> <concurrency> <partMiB>
var (service, apiKey, apiSecret, endpoint, accessKey, secretKey, bucket) = (args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
var (sizeMiB, concurrency, partMiB) = (int.Parse(args[7]), int.Parse(args[8]), int.Parse(args[9]));
var size = sizeMiB * 1024L * 1024;
var partSize = partMiB * 1024L * 1024;
var parts = (int)((size + partSize - 1) / partSize);
var file = Path.Combine(Path.GetTempPath(), $"s3-bench-{Guid.NewGuid():N}.bin");
await using (var output = File.Create(file))
{
    var chunk = new byte[4 * 1024 * 1024];
    for (long written = 0; written < size; written += chunk.Length)
    {
        Random.Shared.NextBytes(chunk);
        await output.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written)));
    }
}
try
{
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
    var viaService = await ViaServiceAsync();
    var viaSdk = await ViaSdkAsync();
    Console.WriteLine($"file: {sizeMiB} MiB in {parts} parts of {partMiB} MiB, {concurrency} concurrent PUTs, store {endpoint}");
    Console.WriteLine($"through the service's presigned URLs: {viaService:F1} MiB/s");
    Console.WriteLine($"straight to the store with the AWS SDK: {viaSdk:F1} MiB/s");
    Console.WriteLine($"ratio service/sdk: {viaService / viaSdk:F2}");

    async Task<double> ViaServiceAsync()
    {
        using var api = new HttpClient { BaseAddress = new Uri(service), Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{apiSecret}")));
        var clock = Stopwatch.StartNew();
        var created = await api.PostAsJsonAsync("v1/uploads", new { fileName = "bench.bin", contentType = "application/octet-stream", fileSize = size, parts, kind = "asset" });
        var upload = JsonDocument.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("upload");
        var urls = upload.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("url").GetString()!).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(1, parts), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, ct) =>
        {
            using var content = new StreamContent(new PartStream(file, (n - 1) * partSize, Math.Min(partSize, size - (n - 1) * partSize)));
            (await http.PutAsync(urls[n - 1], content, ct)).EnsureSuccessStatusCode();
        });
        var complete = await api.PostAsJsonAsync($"v1/uploads/{upload.GetProperty("id").GetString()}/action", new { action = "complete" });
        complete.EnsureSuccessStatusCode();
        return sizeMiB / clock.Elapsed.TotalSeconds;
    }

    async Task<double> ViaSdkAsync()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), new AmazonS3Config
        {
            ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = endpoint.StartsWith("http://", StringComparison.Ordinal),
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var key = $"bench/{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var uploadId = (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key })).UploadId;
        var etags = new PartETag[parts];
        await Parallel.ForEachAsync(Enumerable.Range(1, parts), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, ct) =>
        {
            var length = Math.Min(partSize, size - (n - 1) * partSize);
            var response = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = n, PartSize = length,
                InputStream = new PartStream(file, (n - 1) * partSize, length),
            }, ct);
            etags[n - 1] = new PartETag(n, response.ETag);
        });
        var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId };
        complete.AddPartETags(etags);
        await s3.CompleteMultipartUploadAsync(complete);
        var rate = sizeMiB / clock.Elapsed.TotalSeconds;
        await s3.DeleteObjectAsync(bucket, key);
        return rate;
    }
}
finally
{
    File.Delete(file);
}

/// <summary>One part of the file as a seekable stream of known length, read from disk as it is sent.</summary>
internal sealed class PartStream(string path, long offset, long length) : Stream
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => _position = value; }

    public override int Read(byte[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var want = (int)Math.Min(buffer.Length, length - _position);
        if (want <= 0)
        {
            return 0;
        }
        _file.Position = offset + _position;
        var read = await _file.ReadAsync(buffer[..want], cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int index, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(index, count), cancellationToken).AsTask();

    public override long Seek(long value, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => value,
        SeekOrigin.Current => _position + value,
        _ => length + value,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int index, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
