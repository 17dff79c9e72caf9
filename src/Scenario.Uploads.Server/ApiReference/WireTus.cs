using Microsoft.OpenApi;
using Scenario.Uploads.Server.Tus;

namespace Scenario.Uploads.Server.ApiReference;

/// <summary>
/// The headers tus and RUFH requests carry and answers return, which the handlers read and write themselves:
/// each operation gets the ones its protocols define, and its success answers with theirs.
/// </summary>
internal static class WireTus
{
    public static void Describe(OpenApiOperation operation, string id, OpenApiDocument? document)
    {
        // RUFH's answer to the request that completes an upload: the upload, as retrieve shows it.
        var completed = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference("UploadRetrieveResponse", document) },
        };
        var parameters = operation.Parameters ??= [];
        if (id != OperationIds.DescribeResumable)
        {
            parameters.Add(Header(TusHeaders.Resumable, "tus: `1.0.0` on every request but OPTIONS (else 412)."));
            parameters.Add(Header(TusHeaders.InteropVersion, "RUFH: the draft's interop version, 3 to 9; its presence selects RUFH.", integer: true));
        }
        operation.Responses ??= [];
        operation.Responses.Remove("200");
        switch (id)
        {
            case OperationIds.DescribeResumable:
                operation.Responses["204"] = Answer("The protocols and their limits.",
                    TusHeaders.Version, TusHeaders.Extension, TusHeaders.MaxSize, TusHeaders.ChecksumAlgorithm, TusHeaders.Limit, "Accept-Patch");
                break;
            case OperationIds.CreateResumable:
                parameters.Add(Header(TusHeaders.Length, "The file's size in bytes (tus: this or `Upload-Defer-Length`).", integer: true));
                parameters.Add(Header(TusHeaders.DeferLength, "tus: `1` when the size comes later, in a PATCH's `Upload-Length`."));
                parameters.Add(Header("Upload-Metadata", "tus: `key base64(value)` pairs, comma-separated."));
                parameters.Add(Header(TusHeaders.Concat, "tus: `partial`, or `final;<url> <url> …` to join finished partial uploads."));
                parameters.Add(Header(TusHeaders.Complete, "RUFH: `?1` when the body is the whole file, `?0` when more will follow."));
                operation.RequestBody = Bytes("Optional: the first bytes (tus: `application/offset+octet-stream`; RUFH: the file or its start).");
                operation.Responses["201"] = Answer("Created, at `Location`.", "Location", TusHeaders.Offset, TusHeaders.Expires, TusHeaders.Complete, TusHeaders.Limit);
                operation.Responses["200"] = Answer("RUFH, `Upload-Complete: ?1`: created at `Location` and complete; the upload as `GET /v1/uploads/{uploadId}` shows it.",
                    completed, "Location", TusHeaders.Offset, TusHeaders.Complete);
                break;
            case OperationIds.RetrieveResumableOffset:
                operation.Responses["200"] = Answer("tus: the offset and length.", TusHeaders.Offset, TusHeaders.Length, TusHeaders.DeferLength,
                    "Upload-Metadata", TusHeaders.Concat, TusHeaders.Expires, "Cache-Control");
                operation.Responses["204"] = Answer("RUFH: the offset, length and limits.", TusHeaders.Offset, TusHeaders.Length, TusHeaders.Complete,
                    TusHeaders.Limit, "Cache-Control");
                break;
            case OperationIds.AppendResumable:
                parameters.Add(Header(TusHeaders.Offset, "The upload's offset, where these bytes go (else 409 with the right one).", integer: true, required: true));
                parameters.Add(Header(TusChecksum.Header, "tus: `<sha1|md5|sha256> <base64 digest>` of this request's bytes (460 and nothing kept on a mismatch)."));
                parameters.Add(Header(TusHeaders.Length, "The size, when it was deferred (tus), or known now (RUFH).", integer: true));
                parameters.Add(Header(TusHeaders.Complete, "RUFH: `?1` when these are the last bytes."));
                operation.RequestBody = Bytes("The bytes (tus: `application/offset+octet-stream`; RUFH from version 6: `application/partial-upload`).");
                operation.Responses["204"] = Answer("Appended.", TusHeaders.Offset, TusHeaders.Expires, TusHeaders.Complete, TusHeaders.Limit);
                operation.Responses["200"] = Answer("RUFH: the upload is complete; the upload as `GET /v1/uploads/{uploadId}` shows it.",
                    completed, TusHeaders.Offset, TusHeaders.Complete);
                break;
            case OperationIds.TerminateResumable:
                operation.Responses["204"] = Answer("Terminated: the upload is aborted and its bytes are deleted.");
                break;
        }
    }

    private static OpenApiParameter Header(string name, string description, bool integer = false, bool required = false) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = integer ? Count() : Text(name),
    };

    private static OpenApiRequestBody Bytes(string description) => new()
    {
        Required = false,
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = new() },
    };

    private static OpenApiResponse Answer(string description, params string[] headers) => Answer(description, null, headers);

    private static OpenApiResponse Answer(string description, Dictionary<string, OpenApiMediaType>? content, params string[] headers) => new()
    {
        Description = description,
        Content = content,
        Headers = headers.ToDictionary(h => h, h => (IOpenApiHeader)new OpenApiHeader { Schema = Counts.Contains(h) ? Count() : Text(h) }),
    };

    /// <summary>The headers whose value is a number of bytes.</summary>
    private static readonly HashSet<string> Counts = [TusHeaders.Offset, TusHeaders.Length, TusHeaders.MaxSize];

    private static OpenApiSchema Count() => new() { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Maximum = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Each text header as its protocol writes it: a pattern and the most it can be.</summary>
    private static OpenApiSchema Text(string name)
    {
        var (pattern, maxLength) = name switch
        {
            TusHeaders.Resumable or TusHeaders.Version => ("^[0-9.,]+$", 32),
            TusHeaders.InteropVersion => ("^[0-9]+$", 15),
            TusHeaders.DeferLength => ("^1$", 1),
            TusHeaders.Complete or TusHeaders.Incomplete => ("^\\?[01]$", 2),
            TusHeaders.Extension or TusHeaders.ChecksumAlgorithm => ("^[a-z0-9,-]+$", 256),
            TusHeaders.Limit => ("^[a-z-]+=[0-9]+(, *[a-z-]+=[0-9]+)*$", 256),
            TusHeaders.Expires => ("^[A-Za-z]{3}, [0-9]{2} [A-Za-z]{3} [0-9]{4} [0-9:]{8} GMT$", 29),
            TusChecksum.Header => ("^[a-z0-9]+ [A-Za-z0-9+/=]+$", 128),
            "Cache-Control" => ("^no-store$", 8),
            "Accept-Patch" => ("^application/partial-upload$", 27),
            _ => ("^[^\\u0000-\\u001f]*$", 8192),
        };
        return new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern, MaxLength = maxLength };
    }
}
