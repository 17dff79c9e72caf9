#if !NET9_0_OR_GREATER
namespace System;

/// <summary>.NET 9's <c>Convert.ToHexStringLower</c> for the net8.0 build, so the SDK's code reads the same on both.</summary>
internal static class ConvertPolyfill
{
    extension(Convert)
    {
        /// <summary>The bytes as lowercase hexadecimal.</summary>
        public static string ToHexStringLower(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        /// <summary>The bytes as lowercase hexadecimal.</summary>
        public static string ToHexStringLower(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
#endif
