using System.Text;
using Scenario.Uploads.Server.Parts;
using Scenario.Uploads.Model;
using Scenario.Uploads.Server.Signing;
using Scenario.Uploads.Server.Uploads;

namespace Scenario.Uploads.Server.Tests.Unit;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\me\hero.png", "hero.png")]
    [InlineData("a\u0000b\u0007c.png", "abc.png")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe")]
    [InlineData("..hidden", "hidden")]
    [InlineData("  spaced name.txt  ", "spaced name.txt")]
    [InlineData("what?*<>|.txt", "what.txt")]
    [InlineData("日本語.png", "日本語.png")]
    public void A_name_is_reduced_to_a_safe_base_name(string given, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("../..")]
    [InlineData("\u0000\u0001")]
    public void A_name_with_nothing_left_is_refused(string given)
    {
        Assert.Null(FileNames.Sanitize(given));
    }

    [Fact]
    public void A_long_name_is_cut_to_255_bytes_without_splitting_a_character()
    {
        var name = FileNames.Sanitize(string.Concat(Enumerable.Repeat("😀", 100)))!;

        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255);
        Assert.False(char.IsHighSurrogate(name[^1]));
    }
}
