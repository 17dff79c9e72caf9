using System.Text;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>The hostile pieces the fuzz suite builds its requests from: JSON values (as raw bytes), ids, queries, headers.</summary>
internal static class FuzzValues
{
    /// <summary>Strings no field can take: .NET cannot read them (unpaired surrogate escapes) or they are not UTF-8.</summary>
    public static readonly byte[][] UnreadableStrings =
    [
        Ascii("\"\\ud800\""),
        Ascii("\"\\udfff\\ud800\""),
        Ascii("\"ok\\udc00\""),
        Ascii("\"\\ud800\\u0041\""),
        Ascii("\"\\udbff\""),
        [.. Ascii("\"a"), 0xFF, .. Ascii("\"")],
        [.. Ascii("\""), 0xC0, 0xAF, .. Ascii("\"")],
        [.. Ascii("\""), 0xED, 0xA0, 0x80, .. Ascii("\"")],
        [.. Ascii("\""), 0xF4, 0x90, 0x80, 0x80, .. Ascii("\"")],
        [.. Ascii("\"\u0061"), 0xE2, 0x82, .. Ascii("\"")],
        [.. Ascii("\""), 0x80, .. Ascii("\"")],
    ];

    /// <summary>Values that are no string (null left out: it means absent, which some fields may be).</summary>
    public static readonly string[] NonStrings = ["1e400", "-0", "1.5", "0", "true", "false", "[]", "{}", "[\"a\"]", "99999999999999999999999", "-1e400", "{\"a\":\"b\"}"];

    /// <summary>Strings that are readable but odd: some fields take some of them (a file name is sanitised), none may crash.</summary>
    public static readonly string[] OddStrings =
    [
        "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"../../etc/passwd\"", "\"/\"", "\"..\\\\..\\\\boot.ini\"", "\"text/plain; charset=é\"",
        "\"\\u00a0\"", "\"a\\u00a0b\"", "\"\\u202egnp.exe\"", "\"\\u200b\"", "\"%00\"", "\"%2F..%2F\"", "\"CON\"", "\"a\\r\\nX-Injected: 1\"",
        "\"\\ud83d\\ude00\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"\\\\\"", "\"\\t\"", "\"\\uffff\"", "\"\\ufeff\"",
        "\"asset_\"", "\"asset_0VcY5yO1FGVv3i5iAGUnzn\"", "\"image/png; charset\"", "\"a/b/c\"", "\"*/*\"", "\"javascript:alert(1)\"",
        "\"http://[::1]:9/\"", "\"https://user:pw@127.0.0.1:9/a\"", "\"file:///etc/passwd\"", "\"http://127.0.0.1:9/" + new string('a', 3000) + "\"",
        "\"" + new string('x', 10_000) + "\"", "\"" + string.Concat(Enumerable.Repeat("\\u00e9", 2000)) + "\"",
    ];

    /// <summary>Numbers for fileSize and parts that no plan accepts, whatever the other field says.</summary>
    public static readonly string[] InvalidNumbers =
    [
        "1e400", "-1e400", "1.5", "0.0000001", "-1", "\"1\"", "true", "[1]", "{}", "9223372036854775808", "-9223372036854775809",
        "1" + new string('0', 400), "-0.5", "\"\\ud800\"",
    ];

    /// <summary>Numbers that look odd but may be valid for one of the fields (0 bytes, 1.0 parts).</summary>
    public static readonly string[] OddNumbers = ["-0", "0", "1.0", "1E0", "1e2", "10000", "10001", "5242880", "0e0"];

    /// <summary>Ids for paths: none is an id the service gave out. Raw, as they go into the request line.</summary>
    public static readonly string[] PathIds =
    [
        "a", "abc", "x%2Fy", "%2F", "%2E%2E", "%2e", "upload_%C3%A9", "%FF%FE%FD", "%C0%AF", "%ED%A0%80", "%20", "%09", "a%20b",
        "id%27%20OR%201%3D1", "upload_" + new string('9', 58), "upload_" + new string('a', 2000), new string('z', 7000), "%F0%9F%98%80",
        "upload_0000000000000000000000", "asset_0000000000000000000000", "model_0000000000000000000000", "job_0000000000000000000000",
        "upload_0VcY5yO1FGVv3i5iAGUn%7A", "upload-0VcY5yO1FGVv3i5iAGUnzn", "%25", "%", "%%", "%zz", "%0", "~", "upload_%5C..%5C",
        "UPLOAD_0VCY5YO1FGVV3I5IAGUNZN", "%EF%BB%BFupload_0VcY5yO1FGVv3i5iAGUnzn", "null", "undefined", "-1", "1e400",
    ];

    /// <summary>Dot segments: the path is normalised before routing, so they name another route, which may answer 200.</summary>
    public static bool IsDotSegment(string id) => id is "%2e" or "%2E%2E";

    /// <summary>Ids that Kestrel refuses in the request line itself (a NUL), before any of the service's code.</summary>
    public static readonly string[] KestrelRefusedPathIds = ["%00", "upload_%00", "a%00b"];

    public static readonly string[] PartNumbers = ["1.5", "-0", "0", "-1", "10001", "99999999999999999999", "1e3", "0x1", "%31", "+1", "%201", "1%20", "%EF%BC%91", "01", "1,0", "abc", ""];

    public static readonly string[] PageSizes = ["-1", "0", "101", "1e3", "1.5", "%00", "", "%EF%BC%91", "999999999999", "0x10", "+5", "%205", "5%20", "abc", "1,2", "%FF"];

    public static readonly string[] PaginationTokens =
    [
        "garbage", "%00", "%FF%FE", "====", "AAAA", "eyJhIjoxfQ", "MTox", "OTk5OTk5OTk5OTk5OTk5OTk6dXBsb2FkX3g", "LTE6dXBsb2FkX3g",
        "MTIzOi4uLy4uL2V0Yy9wYXNzd2Q", new string('A', 6000), "%2F%2F%2F", "null", "[]", "_-_-", "a%20b", "OjA",
    ];

    /// <summary>Content-Type headers of a JSON body: none is trusted, none may matter.</summary>
    public static readonly string?[] ContentTypes =
    [
        null, "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "multipart/form-data", "application/json, text/html", "*/*", "", ";", "application/json; charset=\"", "a/b; c=d; c=e",
        "application/" + new string('j', 4000), "application/problem+json", "image/png",
    ];

    /// <summary>Authorization headers that prove nothing.</summary>
    public static readonly string[] BadAuthorizations =
    [
        "Basic", "Basic ", "Basic !!!!", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key:wrong")), "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("nobody")),
        "Basic " + Convert.ToBase64String([0xFF, 0xFE, (byte)':', 0xC0]), "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":")), "Bearer abc",
        "Basic " + new string('A', 8000), "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key")), "Digest x", "Basic YQ==,Basic YQ==", "Basic\t",
    ];

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
