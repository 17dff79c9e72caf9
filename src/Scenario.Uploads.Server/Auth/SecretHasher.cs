using System.Security.Cryptography;
using System.Text;

namespace Scenario.Uploads.Server.Auth;

/// <summary>
/// API secrets are long random strings, so one SHA-256 is enough to store them safely (a slow password
/// hash would protect nothing more and cost a few milliseconds on every request).
/// </summary>
public static class SecretHasher
{
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
