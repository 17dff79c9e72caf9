using Scenario.Exceptions;
using Scenario.Formats;
using Scenario.Models;

namespace Scenario.Transfers;

/// <summary>
/// Reads the first bytes before anything is sent: content that contradicts its kind or content type is refused now,
/// with the service's own words (the rules are the service's, from Scenario.Formats), instead of after the whole transfer.
/// </summary>
internal static class ContentCheck
{
    /// <summary>The format the content starts with (null when no signature matches); throws when the service would refuse it.</summary>
    public static async Task<SniffedFormat?> EnsureAcceptableAsync(IPartSource source, UploadKind kind, string? contentType, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(source, cancellationToken).ConfigureAwait(false);
        return ContentSniffer.Refusal(kind.Value, contentType, head.Span, source.Length) is { } refusal
            ? throw new ContentMismatchException(refusal)
            : ContentSniffer.Sniff(head.Span);
    }

    /// <summary>The first <see cref="ContentSniffer.HeadSize"/> bytes (fewer when the content is shorter).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(IPartSource source, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(ContentSniffer.HeadSize, source.Length)];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(filled, buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return buffer.AsMemory(0, filled);
    }
}
