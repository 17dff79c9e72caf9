using System.Security.Cryptography;
using System.Text;
using Scenario.Uploads.Server.Tus;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>The tus and resumable-upload headers, read as the protocols define them and as real clients write them.</summary>
public sealed class TusHeaderTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Metadata_as_tus_js_client_writes_it_gives_every_pair_decoded()
    {
        var header = $"filename {B64("forêt 🌲.png")},filetype {B64("image/png")},kind {B64("image")},hide,parentId ";

        var (values, error) = TusMetadata.Parse(header);

        Assert.Null(error);
        Assert.Equal("forêt 🌲.png", values!["filename"]);
        Assert.Equal("image/png", values["filetype"]);
        Assert.Equal("image", values["kind"]);
        Assert.Equal("", values["hide"]);
        Assert.Equal("", values["parentId"]);
    }

    [Fact]
    public void No_metadata_is_no_pairs()
    {
        Assert.Empty(TusMetadata.Parse(null).Values!);
        Assert.Empty(TusMetadata.Parse("  ").Values!);
    }

    [Theory]
    [InlineData("filename !!!notbase64", "not Base64")]
    [InlineData("filename ZmlsZQ==,filename ZmlsZQ==", "twice")]
    [InlineData(" ,filename ZmlsZQ==", "empty")]
    [InlineData("clé ZmlsZQ==", "printable ASCII")]
    public void Metadata_that_breaks_the_rules_is_refused_saying_which(string header, string says)
    {
        var (values, error) = TusMetadata.Parse(header);

        Assert.Null(values);
        Assert.Contains(says, error);
    }

    [Fact]
    public void A_value_that_is_not_UTF_8_is_refused()
    {
        var header = "filename " + Convert.ToBase64String([0xff, 0xfe, 0x41]);

        Assert.Contains("UTF-8", TusMetadata.Parse(header).Error);
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("md5")]
    [InlineData("sha256")]
    [InlineData("SHA1")]
    public void A_checksum_of_an_announced_algorithm_matches_the_digest_of_the_same_bytes(string algorithm)
    {
        var body = Encoding.UTF8.GetBytes("the bytes of one PATCH");
        var digest = algorithm.ToLowerInvariant() switch
        {
            "sha1" => SHA1.HashData(body),
            "md5" => MD5.HashData(body),
            _ => SHA256.HashData(body),
        };

        var (checksum, error) = TusChecksum.Parse($"{algorithm} {Convert.ToBase64String(digest)}");
        using var hash = checksum!.NewHash();
        hash.AppendData(body);

        Assert.Null(error);
        Assert.True(checksum.Matches(hash.GetHashAndReset()));
        Assert.False(checksum.Matches(SHA256.HashData([1, 2, 3])[..digest.Length]));
    }

    [Theory]
    [InlineData("crc32 AAAAAA==", "does not support")]
    [InlineData("sha1", "Base64 sha1 digest of 20 bytes")]
    [InlineData("sha1 AAAA", "Base64 sha1 digest of 20 bytes")]
    [InlineData("sha256 not-base64", "Base64 sha256 digest of 32 bytes")]
    public void A_checksum_header_that_cannot_be_used_is_refused_saying_why(string header, string says)
    {
        var (checksum, error) = TusChecksum.Parse(header);

        Assert.Null(checksum);
        Assert.Contains(says, error);
    }

    [Theory]
    [InlineData("?1", true)]
    [InlineData(" ?0 ", false)]
    [InlineData("?1;foo=bar", true)]
    public void Structured_booleans_are_read(string value, bool expected)
    {
        Assert.True(StructuredFields.TryParseBoolean(value, out var result));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_structured_boolean(string? value)
    {
        Assert.False(StructuredFields.TryParseBoolean(value, out _));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("6", 6L)]
    [InlineData("999999999999999", 999_999_999_999_999L)]
    public void Non_negative_structured_integers_are_read(string value, long expected)
    {
        Assert.True(StructuredFields.TryParseNonNegativeInteger(value, out var result));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1000000000000000")]
    [InlineData("+3")]
    [InlineData("")]
    public void Signed_fractional_or_overlong_integers_are_refused(string value)
    {
        Assert.False(StructuredFields.TryParseNonNegativeInteger(value, out _));
    }

    [Fact]
    public void An_upload_limit_is_written_as_a_dictionary_in_the_order_given()
    {
        var limit = StructuredFields.Dictionary([new("max-size", 107_374_182_400), new("min-append-size", 1), new("max-age", 86_400)]);

        Assert.Equal("max-size=107374182400, min-append-size=1, max-age=86400", limit);
    }
}
