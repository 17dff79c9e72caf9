using System.Security.Cryptography;
using Scenario.Uploads.Server.Options;

namespace Scenario.Uploads.Server.Signing;

/// <summary>
/// The HMAC key for signed URLs: from configuration when set (several instances must share it), else a
/// random key kept in the data directory so URLs stay valid across restarts.
/// </summary>
internal static class SigningKey
{
    private const string FileName = "signing.key";

    public static byte[] Load(UploadsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("Uploads:SigningKey must be at least 32 bytes, base64-encoded.");
        }
        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, FileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // Two instances starting at once on one folder both end up with the file that won the move.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
