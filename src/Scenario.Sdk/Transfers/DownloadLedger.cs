using System.Globalization;
using System.Text;

namespace Scenario.Transfers;

/// <summary>
/// The sidecar of a <c>.partial</c> file (<c>TARGET.partial.ranges</c>): a header naming the content (SHA-256, size,
/// chunk size), then the index of each range once its bytes are written. Append-only, so a crash can at worst tear
/// the last line, which is then ignored; whatever it claims is checked by the SHA-256 at the end anyway.
/// </summary>
internal sealed class DownloadLedger : IDisposable
{
    private const string Magic = "scenario-download/1";
    private readonly FileStream _file;
    private readonly Lock _lock = new();

    private DownloadLedger(FileStream file, long chunkSize, HashSet<int> done)
    {
        _file = file;
        ChunkSize = chunkSize;
        Done = done;
    }

    /// <summary>The chunk size the partial file was begun with.</summary>
    public long ChunkSize { get; }

    /// <summary>Ranges whose bytes are in the partial file.</summary>
    public IReadOnlySet<int> Done { get; }

    /// <summary>Continues the ledger at <paramref name="path"/> if it is of the same content; otherwise starts a new one.</summary>
    public static DownloadLedger Open(string path, DownloadEntity entity, long chunkSize, bool resume)
    {
        var (size, done) = (resume ? TryRead(path, entity) : null) ?? (chunkSize, []);
        // Written afresh, so a torn last line is gone rather than run together with the next index appended.
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var text = new StringBuilder(Header(entity, size));
        foreach (var index in done)
        {
            text.Append(CultureInfo.InvariantCulture, $"{index}\n");
        }
        file.Write(Encoding.ASCII.GetBytes(text.ToString()));
        file.Flush();
        return new DownloadLedger(file, size, done);
    }

    /// <summary>Records that range <paramref name="index"/> is written.</summary>
    public void Add(int index)
    {
        var line = Encoding.ASCII.GetBytes(index.ToString(CultureInfo.InvariantCulture) + "\n");
        lock (_lock)
        {
            _file.Write(line);
            _file.Flush();
        }
    }

    public static void Delete(string path) => File.Delete(path);

    public void Dispose() => _file.Dispose();

    private static string Header(DownloadEntity entity, long chunkSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{Magic} {entity.Sha256} {entity.Size} {chunkSize}\n");

    private static (long ChunkSize, HashSet<int> Done)? TryRead(string path, DownloadEntity entity)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var lines = File.ReadAllText(path, Encoding.ASCII).Split('\n');
        var header = lines[0].Split(' ');
        if (lines.Length < 2 || header.Length != 4 || header[0] != Magic || header[1] != entity.Sha256 || header[2] != entity.Size.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(header[3], NumberStyles.None, CultureInfo.InvariantCulture, out var chunkSize) || chunkSize <= 0)
        {
            return null;
        }
        var count = new ChunkPlan(entity.Size, chunkSize).Count;
        var done = new HashSet<int>();
        // The last element follows the last newline: empty, or a torn line; either way not a finished range.
        foreach (var line in lines.AsSpan(1, lines.Length - 2))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count)
            {
                done.Add(index);
            }
        }
        return (chunkSize, done);
    }
}
