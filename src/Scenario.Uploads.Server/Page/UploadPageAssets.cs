using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Scenario.Uploads.Server.Page;

/// <summary>
/// The upload page's files (index.html, one ES module, one stylesheet), embedded in this assembly by the
/// build (UploadPage.targets runs npm and esbuild in src/Scenario.Uploads.Web). Embedded, so the page is
/// there wherever the service runs from: <c>dotnet run</c>, a published folder, or a test host in-process.
/// Read once and compressed once at start; about 400 KiB.
/// </summary>
public sealed class UploadPageAssets
{
    public const string ResourcePrefix = "UploadPage/";

    private readonly FrozenDictionary<string, PageAsset> _assets;

    public UploadPageAssets()
        : this(typeof(UploadPageAssets).Assembly)
    {
    }

    public UploadPageAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, PageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            assets[name] = PageAsset.Create(name, copy.ToArray());
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>False when the service was built without its page (<c>-p:BuildUploadPage=false</c>).</summary>
    public bool IsBuilt => _assets.ContainsKey("index.html");

    public PageAsset? Find(string name) => _assets.GetValueOrDefault(name);
}

/// <summary>One file of the page, with its Brotli form for browsers that take it.</summary>
public sealed record PageAsset(string Name, string ContentType, byte[] Bytes, byte[]? Brotli, string ETag)
{
    public static PageAsset Create(string name, byte[] bytes)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".txt" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
        byte[]? brotli = null;
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType == "image/svg+xml")
        {
            using var compressed = new MemoryStream();
            using (var encoder = new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                encoder.Write(bytes);
            }
            brotli = compressed.Length < bytes.Length ? compressed.ToArray() : null;
        }
        return new PageAsset(name, contentType, bytes, brotli, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
    }
}
