using System.Text;
using System.Text.RegularExpressions;
using static Scenario.Uploads.Server.Tests.Hostile.FuzzValues;

namespace Scenario.Uploads.Server.Tests.Hostile;

/// <summary>
/// Generates the hostile requests over every endpoint, deterministically from a seed: the same seed gives the
/// same requests in the same order, so a failure replays.
/// </summary>
internal sealed partial class FuzzGenerator(int seed, FuzzTargets targets)
{
    private const string Create = "POST /v1/uploads";
    private const string Action = "POST /v1/uploads/{id}/action";
    private const string Part = "PUT /v1/uploads/{id}/parts/{n}";

    private readonly Random _random = new(seed);

    private enum FieldType
    {
        Text,
        Number,
        Boolean,
        Object,
    }

    /// <summary>
    /// A valid create body of each mode, its fields at <c>@name</c>. The URL and the hubs are a closed loopback
    /// port (the hubs' are, in the test settings), so a create that does pass never reaches the network.
    /// </summary>
    private static readonly (string Shape, Dictionary<string, (string Value, FieldType Type)> Fields)[] Templates =
    [
        ("{\"fileName\":@fileName,\"contentType\":@contentType,\"fileSize\":@fileSize,\"parts\":@parts,\"kind\":@kind}", new()
        {
            ["fileName"] = ("\"a.bin\"", FieldType.Text), ["contentType"] = ("\"application/octet-stream\"", FieldType.Text),
            ["fileSize"] = ("3", FieldType.Number), ["parts"] = ("1", FieldType.Number), ["kind"] = ("\"asset\"", FieldType.Text),
        }),
        ("{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"fileSize\":3,\"parts\":1,\"kind\":\"image\",\"assetOptions\":{\"collectionIds\":[\"col_1\",@collectionId],\"hide\":@hide,\"parentId\":@parentId}}", new()
        {
            ["collectionId"] = ("\"col_2\"", FieldType.Text), ["hide"] = ("true", FieldType.Boolean), ["parentId"] = ("\"asset_0VcY5yO1FGVv3i5iAGUnzn\"", FieldType.Text),
        }),
        ("{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"fileSize\":3,\"parts\":1,\"kind\":\"image\",\"assetOptions\":@assetOptions}", new()
        {
            ["assetOptions"] = ("{\"hide\":false}", FieldType.Object),
        }),
        ("{\"url\":@url,\"kind\":@kind}", new()
        {
            ["url"] = ("\"http://127.0.0.1:9/a.png\"", FieldType.Text), ["kind"] = ("\"image\"", FieldType.Text),
        }),
        ("{\"huggingFaceModelName\":@huggingFaceModelName}", new() { ["huggingFaceModelName"] = ("\"a/b\"", FieldType.Text) }),
        ("{\"civitaiModelUrl\":@civitaiModelUrl}", new() { ["civitaiModelUrl"] = ("\"https://civitai.com/models/1\"", FieldType.Text) }),
    ];

    public List<FuzzCase> Generate()
    {
        var cases = new List<FuzzCase>();
        cases.AddRange(FieldMutations(180));
        cases.AddRange(StructuralBodies());
        cases.AddRange(BrokenFraming());
        cases.AddRange(Actions(60));
        cases.AddRange(Lists());
        cases.AddRange(EntityReads());
        cases.AddRange(Parts());
        cases.AddRange(Downloads());
        cases.AddRange(HealthAndMethods());
        return cases;
    }

    // One field of a valid body replaced by a hostile value; refused for certain when no field of its type takes it.
    private IEnumerable<FuzzCase> FieldMutations(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (shape, fields) = _random.Pick(Templates);
            var field = _random.Pick(fields.Keys.ToList());
            var (value, mustRefuse, kind) = HostileValueFor(fields[field].Type);
            var body = Fill(shape, fields, field, value);
            yield return Json(Create, "/v1/uploads", body, mustRefuse, $"{field} = {kind}: {Preview(value)}");
        }
    }

    private (byte[] Value, bool MustRefuse, string Kind) HostileValueFor(FieldType type)
    {
        var roll = _random.Next(100);
        if (roll < 30)
        {
            return (_random.Pick(UnreadableStrings), true, "unreadable string");
        }
        return type switch
        {
            FieldType.Text when roll < 55 => (Utf8(_random.Pick(NonStrings)), true, "not a string"),
            FieldType.Text => (Utf8(_random.Pick(OddStrings)), false, "odd string"),
            FieldType.Number when roll < 70 => (Utf8(_random.Pick(InvalidNumbers)), true, "invalid number"),
            FieldType.Number when roll < 85 => (Utf8(_random.Pick(OddStrings)), true, "a string for a number"),
            FieldType.Number => (Utf8(_random.Pick(OddNumbers)), false, "odd number"),
            FieldType.Boolean => (Utf8(_random.Pick(NonStrings.Where(v => v is not ("true" or "false")).ToList())), true, "not a boolean"),
            _ => (Utf8(_random.Pick(NonStrings.Where(v => !v.StartsWith('{')).ToList())), true, "not an object"),
        };
    }

    private IEnumerable<FuzzCase> StructuralBodies()
    {
        var valid = Fill(Templates[0].Shape, Templates[0].Fields, null, []);
        var validText = Encoding.UTF8.GetString(valid);
        var refused = new List<(string What, byte[] Body)>
        {
            ("empty", []),
            ("whitespace", Ascii(" \r\n\t ")),
            ("{}", Ascii("{}")),
            ("a bare string", Ascii("\"upload\"")),
            ("a number", Ascii("1e400")),
            ("null", Ascii("null")),
            ("an array", Ascii("[{}]")),
            ("trailing garbage", [.. valid, .. Ascii("x")]),
            ("two objects", [.. valid, .. valid]),
            ("a block comment", [.. Ascii("/*c*/"), .. valid]),
            ("a line comment", [.. Ascii("// c\n"), .. valid]),
            ("a trailing comma", Utf8(validText[..^1] + ",}")),
            ("single quotes", Utf8(validText.Replace('"', '\''))),
            ("NaN", Utf8(validText.Replace("\"fileSize\":3", "\"fileSize\":NaN"))),
            ("Infinity", Utf8(validText.Replace("\"fileSize\":3", "\"fileSize\":Infinity"))),
            ("a leading zero", Utf8(validText.Replace("\"fileSize\":3", "\"fileSize\":03"))),
            ("a raw NUL first", [0, .. valid]),
            ("a raw NUL in a string", Utf8(validText.Replace("a.bin", "a\0b"))),
            ("a raw newline in a string", Utf8(validText.Replace("a.bin", "a\nb"))),
            ("UTF-16 with a BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(validText)]),
            ("UTF-16 big-endian", Encoding.BigEndianUnicode.GetBytes(validText)),
            ("UTF-32", Encoding.UTF32.GetBytes(validText)),
            ("Latin-1 é in a string", Ascii(validText.Replace("a.bin", "caf\u00e9.bin"))),
            ("a string of 70 KiB", Utf8(validText.Replace("a.bin", new string('x', 70 * 1024)))),
            ("a string of 1 MiB", Utf8(validText.Replace("a.bin", new string('x', 1024 * 1024)))),
            ("a string of 1 MiB of escapes", Utf8(validText.Replace("a.bin", string.Concat(Enumerable.Repeat("\\ud800", 180_000))))),
            ("101 collection ids", Utf8(validText.Replace("\"kind\":\"asset\"", "\"kind\":\"image\",\"assetOptions\":{\"collectionIds\":[" + string.Join(",", Enumerable.Range(0, 101).Select(n => $"\"col_{n}\"")) + "]}"))),
            ("a deep array in a field", Utf8(validText.Replace("\"a.bin\"", new string('[', 1500) + new string(']', 1500)))),
        };
        for (var i = 0; i < 12; i++)
        {
            var depth = _random.Next(1000, 6000);
            refused.Add(($"arrays {depth} deep", Ascii(new string('[', depth) + new string(']', depth))));
            var objects = _random.Next(1000, 3000);
            refused.Add(($"objects {objects} deep", Ascii(string.Concat(Enumerable.Repeat("{\"a\":", objects)) + "1" + new string('}', objects))));
        }
        for (var i = 0; i < 15; i++)
        {
            var cut = _random.Next(1, valid.Length - 1);
            refused.Add(($"cut at byte {cut}", valid[..cut]));
        }
        for (var i = 0; i < 15; i++)
        {
            var noise = new byte[_random.Next(1, 300)];
            _random.NextBytes(noise);
            refused.Add(($"{noise.Length} random bytes", noise));
        }
        foreach (var (what, body) in refused)
        {
            yield return Json(Create, "/v1/uploads", body, mustRefuse: true, what);
        }

        // Valid or not depending on how leniently JSON is read; none may crash.
        var lenient = new List<(string What, byte[] Body)>
        {
            ("a UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. valid]),
            ("an escaped key", Utf8(validText.Replace("\"fileName\"", "\"\\u0066ileName\""))),
            ("5000 unknown keys", Utf8(validText[..^1] + string.Concat(Enumerable.Range(0, 5000).Select(n => $",\"k{n}\":0")) + "}")),
            ("a key with a NUL escape", Utf8(validText[..^1] + ",\"a\\u0000b\":1}")),
            ("an unreadable unknown key", Utf8(validText[..^1] + ",\"\\ud800\":1}")),
            ("an unreadable unknown value", Utf8(validText[..^1] + ",\"extra\":\"\\ud800\"}")),
        };
        for (var i = 0; i < 12; i++)
        {
            var (shape, fields) = _random.Pick(Templates);
            var field = _random.Pick(fields.Keys.ToList());
            var (value, _, kind) = HostileValueFor(fields[field].Type);
            var body = Fill(shape, fields, null, []);
            var text = Encoding.UTF8.GetString(body);
            // Top-level text fields only: a nested one repeated at the top would be just an unknown key.
            if (field is not ("fileName" or "contentType" or "kind" or "url" or "huggingFaceModelName" or "civitaiModelUrl"))
            {
                continue;
            }
            var name = field;
            // The same key twice, the hostile value first or last.
            var duplicate = _random.Next(2) == 0
                ? [.. Utf8(text[..^1] + $",\"{name}\":"), .. value, .. Ascii("}")]
                : (byte[])[.. Ascii($"{{\"{name}\":"), .. value, .. Utf8("," + text[1..])];
            lenient.Add(($"{name} twice, one {kind}", duplicate));
        }
        foreach (var (what, body) in lenient)
        {
            yield return Json(Create, "/v1/uploads", body, mustRefuse: false, what);
        }
    }

    // Chunked framing Kestrel cannot read, on every endpoint that reads a body: refused, however it breaks.
    private IEnumerable<FuzzCase> BrokenFraming()
    {
        string[] framings =
        [
            "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "100000000\r\n{}\r\n0\r\n\r\n", "80000000\r\n{}\r\n0\r\n\r\n", "FFFFFFFF\r\n{}\r\n0\r\n\r\n",
            "1" + new string('0', 40) + "\r\n{}\r\n0\r\n\r\n", "zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "0x2\r\n{}\r\n0\r\n\r\n",
            "\r\n{}\r\n0\r\n\r\n", " 2\r\n{}\r\n0\r\n\r\n", "2;\u0001\r\n{}\r\n0\r\n\r\n", "2\r\n{}}}\r\n0\r\n\r\n", "2\r\n{}0\r\n\r\n", "2\n{}\n0\n\n",
            "2\r\n{}\r\nzz\r\n\r\n", "g\r\n", "2\r\n{}\r\n0\r\nX-Trailer\r\n\r\n",
        ];
        var auth = new[] { targets.Authorization, "Content-Type: application/json" };
        foreach (var framing in framings)
        {
            yield return new FuzzCase(Create, $"chunked {Preview(framing)}", RawHttp.BrokenChunked("POST", "/v1/uploads", auth, framing), MustRefuse: true);
            yield return new FuzzCase(Action, $"chunked {Preview(framing)}",
                RawHttp.BrokenChunked("POST", $"/v1/uploads/{targets.PendingUploadId}/action", auth, framing), MustRefuse: true);
            yield return new FuzzCase(Part, $"signed, chunked {Preview(framing)}", RawHttp.BrokenChunked("PUT", targets.PendingPartPath, [], framing), MustRefuse: true);
        }
        // A chunk that declares 2 GiB and brings 70 KiB: over the cap before the rest is awaited.
        var big = "7FFFFFFF\r\n" + new string(' ', 70 * 1024);
        yield return new FuzzCase(Create, "a 2 GiB chunk", RawHttp.BrokenChunked("POST", "/v1/uploads", auth, big), MustRefuse: true);
        yield return new FuzzCase(Action, "a 2 GiB chunk", RawHttp.BrokenChunked("POST", $"/v1/uploads/{targets.PendingUploadId}/action", auth, big), MustRefuse: true);
        yield return new FuzzCase(Part, "signed, a 2 GiB chunk", RawHttp.BrokenChunked("PUT", targets.PendingPartPath, [], big), MustRefuse: true);
        // 2 MiB in many small chunks, past Kestrel's 1 MiB limit.
        var many = string.Concat(Enumerable.Repeat("400\r\n" + new string(' ', 1024) + "\r\n", 2048)) + "0\r\n\r\n";
        yield return new FuzzCase(Create, "2 MiB in 1 KiB chunks", RawHttp.BrokenChunked("POST", "/v1/uploads", auth, many), MustRefuse: true);
        yield return new FuzzCase(Action, "2 MiB in 1 KiB chunks", RawHttp.BrokenChunked("POST", $"/v1/uploads/{targets.PendingUploadId}/action", auth, many), MustRefuse: true);
    }

    // Never a valid action at the pending upload: its state must not change.
    private IEnumerable<FuzzCase> Actions(int count)
    {
        var path = $"/v1/uploads/{targets.PendingUploadId}/action";
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            byte[] value = roll switch
            {
                < 35 => _random.Pick(UnreadableStrings),
                < 60 => Utf8(_random.Pick(NonStrings)),
                _ => Utf8(_random.Pick(OddStrings)),
            };
            yield return Json(Action, path, [.. Ascii("{\"action\":"), .. value, .. Ascii("}")], mustRefuse: true, $"action = {Preview(value)}");
        }
        string[] bodies =
        [
            "", "{}", "[]", "\"complete\"", "{\"Action\":\"complete\"}", "{\"action\":\"COMPLETE\"}", "{\"action\":\"complete \"}", "{\"action\":\"abort\\u0000\"}",
            "{\"action\":[\"complete\"]}", "{\"action\":{\"complete\":true}}", "{\"action\":null}", "{\"action\":\"\\u0063omplete\\ud800\"}",
            new string('[', 2000) + new string(']', 2000), "{\"action\":\"" + new string('x', 100 * 1024) + "\"}",
        ];
        foreach (var body in bodies)
        {
            yield return Json(Action, path, Utf8(body), mustRefuse: true, Preview(body));
        }
        // Valid actions at ids that are no upload of the caller's: a 404, and nothing changes.
        foreach (var id in PathIds.Take(20))
        {
            yield return Json(Action, $"/v1/uploads/{id}/action", Ascii("{\"action\":\"abort\"}"), mustRefuse: true, $"abort at {Preview(id)}");
        }
        yield return new FuzzCase(Action, "abort by another owner",
            RawHttp.WithLength("POST", path, [targets.OtherAuthorization, "Content-Type: application/json"], Ascii("{\"action\":\"abort\"}")), MustRefuse: true);
        yield return new FuzzCase(Action, "abort without credentials",
            RawHttp.WithLength("POST", path, ["Content-Type: application/json"], Ascii("{\"action\":\"abort\"}")), MustRefuse: true);
    }

    private IEnumerable<FuzzCase> Lists()
    {
        foreach (var size in PageSizes)
        {
            yield return Get("GET /v1/uploads", $"/v1/uploads?pageSize={size}", mustRefuse: true, $"pageSize={Preview(size)}");
        }
        foreach (var token in PaginationTokens)
        {
            yield return Get("GET /v1/uploads", $"/v1/uploads?paginationToken={token}", mustRefuse: true, $"paginationToken={Preview(token)}");
        }
        string[] repeated =
        [
            "pageSize=1&pageSize=2", "paginationToken=a&paginationToken=b", "pageSize=-1&pageSize=5",
            "pageSize=5&paginationToken=garbage&paginationToken=", "pageSize[]=1&pageSize=0", "pageSize=1%2C2",
        ];
        foreach (var query in repeated)
        {
            yield return Get("GET /v1/uploads", $"/v1/uploads?{query}", mustRefuse: true, query);
        }
        // Garbage beside valid parameters, or none: ignored, a 200.
        string[] ignored = ["pageSize=5&pageSize=", "projectId=%00&projectId=%FF", "pageSize=5&x=" + new string('y', 6000), "=&&&=", "%00=%00", "pageSize=5&&&", "a[b]=c&a[b]=d", "paginationToken="];
        foreach (var query in ignored)
        {
            yield return Get("GET /v1/uploads", $"/v1/uploads?{query}", mustRefuse: false, Preview(query));
        }
        foreach (var authorization in BadAuthorizations)
        {
            yield return new FuzzCase("GET /v1/uploads", $"Authorization: {Preview(authorization)}",
                RawHttp.Head("GET", "/v1/uploads", [$"Authorization: {authorization}"]), MustRefuse: true);
        }
        yield return new FuzzCase("GET /v1/uploads", "two Authorization headers",
            RawHttp.Head("GET", "/v1/uploads", [targets.Authorization, targets.OtherAuthorization]), MustRefuse: false);
    }

    private IEnumerable<FuzzCase> EntityReads()
    {
        (string Route, string Endpoint, string RealId)[] routes =
        [
            ("/v1/uploads/", "GET /v1/uploads/{id}", targets.PendingUploadId),
            ("/v1/assets/", "GET /v1/assets/{id}", targets.AssetId),
            ("/v1/models/", "GET /v1/models/{id}", targets.AssetId.Replace("asset_", "model_", StringComparison.Ordinal)),
            ("/v1/jobs/", "GET /v1/jobs/{id}", targets.JobId),
        ];
        foreach (var (route, endpoint, realId) in routes)
        {
            foreach (var id in PathIds)
            {
                yield return Get(endpoint, route + id, mustRefuse: !IsDotSegment(id), Preview(id));
            }
            foreach (var id in KestrelRefusedPathIds)
            {
                yield return new FuzzCase(endpoint, $"{id} (refused by Kestrel)", RawHttp.Head("GET", route + id, [targets.Authorization]), MustRefuse: true, BeforeTheService: true);
            }
            yield return new FuzzCase(endpoint, "another owner's id", RawHttp.Head("GET", route + realId, [targets.OtherAuthorization]), MustRefuse: true);
            for (var i = 0; i < 3; i++)
            {
                var authorization = _random.Pick(BadAuthorizations);
                yield return new FuzzCase(endpoint, $"Authorization: {Preview(authorization)}", RawHttp.Head("GET", route + realId, [$"Authorization: {authorization}"]), MustRefuse: true);
            }
            // The real id with odd headers, a body on a GET and garbage in the query: still a plain read.
            yield return new FuzzCase(endpoint, "odd headers on a real id", RawHttp.WithLength("GET", route + realId + "?projectId=%00&pageSize=-1",
                [targets.Authorization, "Content-Type: garbage/\"", "Accept: */*;q=garbage", "X-Pad: " + new string('a', 16 * 1024), "Cookie: " + new string('c', 4000)],
                Ascii("{\"action\":\"abort\"}")), MustRefuse: false);
        }
    }

    private IEnumerable<FuzzCase> Parts()
    {
        var body = new byte[targets.PendingPartSize];
        var query = targets.PendingPartPath[targets.PendingPartPath.IndexOf('?', StringComparison.Ordinal)..];
        var expires = Regex.Match(query, "expires=([0-9]+)").Groups[1].Value;
        var signature = Regex.Match(query, "signature=([^&]+)").Groups[1].Value;
        string[] badQueries =
        [
            "", "?expires=&signature=", $"?expires={expires}", $"?signature={signature}", $"?expires={expires}&signature=x", $"?expires=1&signature={signature}",
            $"?expires={expires}1&signature={signature}", $"?expires=-1&signature={signature}", $"?expires=99999999999999999999&signature={signature}",
            $"?expires={expires}&signature={signature}x", $"?expires={expires}&signature={signature[..^1]}", $"?expires={expires}&signature=%00",
            $"?expires={expires}&signature=" + new string('A', 5000), $"?expires={expires}&expires=1&signature={signature}", $"?expires={expires}&signature={signature}&signature=x",
            $"?expires=%EF%BC%91&signature={signature}", $"?expires={expires}.0&signature={signature}",
        ];
        var partPath = $"/v1/uploads/{targets.PendingUploadId}/parts/1";
        foreach (var bad in badQueries)
        {
            yield return new FuzzCase(Part, $"query {Preview(bad)}", RawHttp.WithLength("PUT", partPath + bad, [], body), MustRefuse: true);
        }
        // A byte too many: "%31" and "01" are part 1 as much as "1" is, and must not store anything.
        var tooLong = new byte[targets.PendingPartSize + 1];
        foreach (var number in PartNumbers)
        {
            yield return new FuzzCase(Part, $"part {Preview(number)}", RawHttp.WithLength("PUT", $"/v1/uploads/{targets.PendingUploadId}/parts/{number}{query}", [], tooLong), MustRefuse: true);
        }
        foreach (var id in PathIds.Where((_, index) => index % 2 == 0))
        {
            yield return new FuzzCase(Part, $"upload {Preview(id)}", RawHttp.WithLength("PUT", $"/v1/uploads/{id}/parts/1{query}", [], body), MustRefuse: true);
        }
        yield return new FuzzCase(Part, "a NUL in the upload id (refused by Kestrel)", RawHttp.WithLength("PUT", $"/v1/uploads/upload_%00/parts/1{query}", [], body),
            MustRefuse: true, BeforeTheService: true);
        // Signed, but refused before a byte is stored: the wrong length, a Content-MD5 that is no digest.
        foreach (var length in new[] { 0, targets.PendingPartSize + 1, targets.PendingPartSize * 1000 })
        {
            yield return new FuzzCase(Part, $"signed, {length} bytes", RawHttp.WithLength("PUT", targets.PendingPartPath, [], new byte[length]), MustRefuse: true);
        }
        string[] digests = ["x", "%00", "AAAA", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA===", new string('A', 5000), "1B2M2Y8AsgTpgAmY7PhCfg==,1B2M2Y8AsgTpgAmY7PhCfg==", "\u00e9\u00e9"];
        foreach (var digest in digests)
        {
            yield return new FuzzCase(Part, $"signed, Content-MD5 {Preview(digest)}", RawHttp.WithLength("PUT", targets.PendingPartPath, [$"Content-MD5: {digest}"], body),
                MustRefuse: true, BeforeTheService: digest.Any(c => c > '~'));
        }
        // Odd Content-Type headers on a part are allowed (any or none): refused here only for the wrong length.
        foreach (var contentType in ContentTypes.OfType<string>().Take(8))
        {
            yield return new FuzzCase(Part, $"signed, Content-Type {Preview(contentType)}, too long",
                RawHttp.WithLength("PUT", targets.PendingPartPath, [$"Content-Type: {contentType}"], new byte[targets.PendingPartSize + 2]), MustRefuse: true);
        }
    }

    private IEnumerable<FuzzCase> Downloads()
    {
        var query = targets.DownloadPath[targets.DownloadPath.IndexOf('?', StringComparison.Ordinal)..];
        var path = targets.DownloadPath[..targets.DownloadPath.IndexOf('?', StringComparison.Ordinal)];
        string[] badQueries = ["", "?expires=1", "?signature=x", "?expires=99999999999999999999&signature=x", query + "x", query.Replace("expires=", "expires=1", StringComparison.Ordinal), "?expires=-0&signature=%FF"];
        foreach (var bad in badQueries)
        {
            yield return Get("GET /v1/files/{id}", path + bad, mustRefuse: true, $"query {Preview(bad)}", authorized: false);
        }
        foreach (var id in PathIds)
        {
            yield return Get("GET /v1/files/{id}", $"/v1/files/{id}{query}", mustRefuse: true, $"id {Preview(id)}", authorized: false);
        }
        yield return new FuzzCase("GET /v1/files/{id}", "a NUL in the id (refused by Kestrel)", RawHttp.Head("GET", $"/v1/files/%00{query}", []), MustRefuse: true, BeforeTheService: true);
        // The real URL with odd Range and conditional headers: a 200, a 206 or a 416, never a 500.
        string[] ranges =
        [
            "bytes=0-0", "bytes=999999-", "bytes=-0", "bytes=a-b", "bytes=0-1,2-3", "items=0-1", "bytes=-99999999999999999999", "bytes=5-1", "bytes=" + string.Join(",", Enumerable.Range(0, 500).Select(n => $"{n}-{n}")),
            "bytes=0-", "bytes=--1", "bytes= 0-1", "bytes=0-18446744073709551616",
        ];
        foreach (var range in ranges)
        {
            yield return new FuzzCase("GET /v1/files/{id}", $"Range: {Preview(range)}", RawHttp.Head("GET", targets.DownloadPath, [$"Range: {range}"]), MustRefuse: false);
        }
        string[] conditions = ["If-None-Match: garbage", "If-None-Match: *", "If-Match: \"x\"", "If-Range: garbage", "If-Modified-Since: yesterday", "If-Unmodified-Since: 0", "If-Range: \"x\"\r\nRange: bytes=0-1"];
        foreach (var condition in conditions)
        {
            yield return new FuzzCase("GET /v1/files/{id}", Preview(condition), RawHttp.Head("GET", targets.DownloadPath, [condition]), MustRefuse: false);
        }
    }

    private IEnumerable<FuzzCase> HealthAndMethods()
    {
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            foreach (var query in new[] { "", "?x=%00&x=1", "?" + new string('q', 6000), "?%FF=%FE", "?pageSize=-1&paginationToken=garbage" })
            {
                yield return Get($"GET {path}", path + query, mustRefuse: false, Preview(query), authorized: false);
            }
            yield return new FuzzCase($"GET {path}", "odd headers", RawHttp.Head("GET", path, ["Content-Type: ;;;", "X-Pad: " + new string('p', 16 * 1024), "Authorization: Basic !!!"]), MustRefuse: false);
            yield return new FuzzCase($"GET {path}", "a NUL in the path (refused by Kestrel)", RawHttp.Head("GET", path + "%00", []), MustRefuse: true, BeforeTheService: true);
            yield return new FuzzCase($"POST {path}", "the wrong method", RawHttp.WithLength("POST", path, [], Ascii("{}")), MustRefuse: true);
        }
        (string Method, string Path)[] wrong =
        [
            ("DELETE", $"/v1/uploads/{targets.PendingUploadId}"), ("PATCH", "/v1/uploads"), ("PUT", "/v1/uploads"), ("GET", $"/v1/uploads/{targets.PendingUploadId}/action"),
            ("POST", $"/v1/assets/{targets.AssetId}"), ("DELETE", $"/v1/files/{targets.AssetId}"), ("GET", targets.PendingPartPath), ("POST", "/v1/jobs/x"),
            ("GET", "/v1/"), ("GET", "/v2/uploads"), ("GET", "/v1/uploads/a/b/c/d"), ("TRACE", "/"), ("FOO", "/v1/uploads"), ("GET", "/%2e%2e/%2e%2e/etc/passwd"),
            ("GET", "/v1/uploads/" + targets.PendingUploadId + "/parts"), ("POST", "/v1/uploads/" + targets.PendingUploadId),
        ];
        foreach (var (method, path) in wrong)
        {
            yield return new FuzzCase("other methods and routes", $"{method} {Preview(path)}", RawHttp.WithLength(method, path, [targets.Authorization], []), MustRefuse: true);
        }
        yield return new FuzzCase("OPTIONS part", "a CORS preflight", RawHttp.Head("OPTIONS", targets.PendingPartPath,
            ["Origin: https://evil.example", "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: content-md5, x-a b"]), MustRefuse: false);
    }

    /// <summary>A JSON body sent in a random way: Content-Length or random chunks, a Content-Type or none, sometimes odd headers.</summary>
    private FuzzCase Json(string endpoint, string path, byte[] body, bool mustRefuse, string what)
    {
        var headers = new List<string> { targets.Authorization };
        var contentType = _random.Pick(ContentTypes);
        if (contentType is not null)
        {
            headers.Add($"Content-Type: {contentType}");
        }
        if (_random.Next(10) == 0)
        {
            headers.Add("Content-Type: text/html");
        }
        if (_random.Next(10) == 0)
        {
            headers.Add("X-Pad: " + new string('p', 16 * 1024));
        }
        if (_random.Next(20) == 0)
        {
            headers.Add("Expect: 100-continue");
        }
        if (_random.Next(8) == 0)
        {
            path += "?projectId=%00&projectId=" + _random.Next();
        }
        var chunked = _random.Next(10) < 3;
        var request = chunked ? RandomChunks("POST", path, headers, body) : RawHttp.WithLength("POST", path, headers, body);
        return new FuzzCase(endpoint, $"{what} ({(chunked ? "chunked" : "Content-Length")}, Content-Type {contentType ?? "none"})", request, mustRefuse);
    }

    private byte[] RandomChunks(string method, string path, IEnumerable<string> headers, byte[] body)
    {
        var framing = new List<byte>();
        var position = 0;
        while (position < body.Length)
        {
            var size = Math.Min(body.Length - position, _random.Next(1, 4096));
            var extension = _random.Next(6) == 0 ? ";name=value" : "";
            framing.AddRange(Ascii($"{size:x}{extension}\r\n"));
            framing.AddRange(body.AsSpan(position, size).ToArray());
            framing.AddRange(Ascii("\r\n"));
            position += size;
        }
        framing.AddRange(Ascii("0\r\n\r\n"));
        return [.. RawHttp.Head(method, path, headers.Append("Transfer-Encoding: chunked")), .. framing];
    }

    private FuzzCase Get(string endpoint, string target, bool mustRefuse, string what, bool authorized = true) =>
        new(endpoint, what, RawHttp.Head("GET", target, authorized ? [targets.Authorization] : []), mustRefuse);

    private static byte[] Fill(string shape, Dictionary<string, (string Value, FieldType Type)> fields, string? replaced, byte[] value)
    {
        var body = new List<byte>();
        var last = 0;
        foreach (Match slot in Slot().Matches(shape))
        {
            body.AddRange(Utf8(shape[last..slot.Index]));
            var name = slot.Groups[1].Value;
            body.AddRange(name == replaced ? value : Utf8(fields[name].Value));
            last = slot.Index + slot.Length;
        }
        body.AddRange(Utf8(shape[last..]));
        return [.. body];
    }

    private static string Preview(byte[] value) => Preview(Encoding.Latin1.GetString(value));

    private static string Preview(string value)
    {
        var shown = string.Concat(value.Take(40).Select(c => c is < ' ' or > '~' ? $"\\x{(int)c:X2}" : c.ToString()));
        return value.Length > 40 ? $"{shown}… ({value.Length} chars)" : shown;
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Slot();
}
