using Scenario.Transfers;

namespace Scenario.Sdk.Tests;

public sealed class SizesTests
{
    [Theory]
    [InlineData("8388608", 8388608L)]
    [InlineData("16MiB", 16L * 1024 * 1024)]
    [InlineData("64MB", 64_000_000L)]
    [InlineData("1.5GiB", 1536L * 1024 * 1024)]
    [InlineData("5 mib", 5L * 1024 * 1024)]
    [InlineData("512K", 512L * 1024)]
    public void Sizes_parse(string text, long expected)
    {
        Assert.True(Sizes.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5MiB")]
    [InlineData("0")]
    [InlineData("1.5")]
    public void Nonsense_does_not_parse(string text)
    {
        Assert.False(Sizes.TryParse(text, out _));
    }
}
