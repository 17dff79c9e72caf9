using System.Text;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Tus;

namespace Scenario.Uploads.Server.Tests.Tus;

/// <summary>What a tus upload's metadata makes of the upload: names, types, kind and asset options, or a clear refusal.</summary>
public sealed class TusUploadMetadataTests
{
    [Fact]
    public void Filename_filetype_kind_and_asset_options_are_read()
    {
        var read = TusUploadMetadata.Read(Header(("filename", "a/b\u0001.png"), ("filetype", "image/png"), ("kind", "image"),
            ("collectionIds", "c1, c2"), ("parentId", "asset_x"), ("hide", "true")));

        Assert.Null(read.Error);
        Assert.Equal("b.png", read.Value.FileName);
        Assert.Equal("a/b\u0001.png", read.Value.OriginalFileName);
        Assert.Equal("image/png", read.Value.ContentType);
        Assert.Equal("image", read.Value.Kind);
        Assert.Equal(["c1", "c2"], read.Value.AssetOptions!.CollectionIds!);
        Assert.Equal("asset_x", read.Value.AssetOptions.ParentId);
        Assert.True(read.Value.AssetOptions.Hide);
    }

    [Fact]
    public void Uppys_name_and_type_are_aliases_and_nothing_given_is_an_upload_of_unknown_kind()
    {
        var uppy = TusUploadMetadata.Read(Header(("name", "clip.mp4"), ("type", "video/mp4"), ("relativePath", "x")));
        var bare = TusUploadMetadata.Read(null);

        Assert.Equal(("clip.mp4", "video/mp4", (string?)null), (uppy.Value.FileName, uppy.Value.ContentType, uppy.Value.Kind));
        Assert.Equal(("upload", "application/octet-stream", (string?)null, (AssetOptions?)null),
            (bare.Value.FileName, bare.Value.ContentType, bare.Value.Kind, bare.Value.AssetOptions));
    }

    [Theory]
    [InlineData("kind c2N1bHB0dXJl", "invalid_kind")]
    [InlineData("hide bWF5YmU=", "invalid_field")]
    [InlineData("kind bW9kZWw=,hide dHJ1ZQ==", "asset_options_not_allowed")]
    [InlineData("filename !!!", "invalid_upload_header")]
    [InlineData("filename YQ==,filename Yg==", "invalid_upload_header")]
    [InlineData("filetype aW1hZ2UgcG5n", "invalid_field")]
    [InlineData("filetype aW1hZ2UvcG5nAQ==", "invalid_field")]
    public void Metadata_an_upload_cannot_have_is_refused_with_its_code(string header, string code)
    {
        Assert.Equal(code, TusUploadMetadata.Read(header).Error?.Code);
    }

    private static string Header(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));
}
