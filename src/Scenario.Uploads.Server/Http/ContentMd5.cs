namespace Scenario.Uploads.Server.Http;

/// <summary>The optional <c>Content-MD5</c> header (RFC 1864): base64 of the 16-byte digest.</summary>
public static class ContentMd5
{
    public static bool TryParse(string? header, out byte[]? digest)
    {
        digest = null;
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }
        var bytes = new byte[18];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var written) || written != 16)
        {
            return false;
        }
        digest = bytes[..16];
        return true;
    }
}
