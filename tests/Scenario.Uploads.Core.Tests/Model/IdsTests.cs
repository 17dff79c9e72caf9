using Scenario.Uploads.Model;
using Xunit;

namespace Scenario.Uploads.Core.Tests.Model;

public sealed class IdsTests
{
    [Fact]
    public void An_id_is_its_prefix_and_22_url_safe_characters()
    {
        var id = Ids.New("upload");

        Assert.StartsWith("upload_", id);
        Assert.Equal("upload_".Length + 22, id.Length);
        Assert.True(Ids.LooksValid(id));
        Assert.All(id["upload_".Length..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
    }

    [Fact]
    public void Ids_made_later_sort_later_so_new_rows_land_at_the_end_of_an_index()
    {
        var start = DateTimeOffset.Parse("2026-11-23T09:00:00Z");
        var ids = Enumerable.Range(0, 2000).Select(i => Ids.New("job", start.AddMilliseconds(i * 997L))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(Ids.New("job", start.AddYears(300)), Ids.New("job", start.AddYears(299))) > 0);
    }

    [Fact]
    public void Ids_of_the_same_millisecond_still_differ_in_their_random_part()
    {
        var now = DateTimeOffset.UtcNow;

        var ids = Enumerable.Range(0, 10_000).Select(_ => Ids.New("upload", now)).ToHashSet();

        Assert.Equal(10_000, ids.Count);
        Assert.Single(ids.Select(id => id[..("upload_".Length + 8)]).Distinct());
    }
}
