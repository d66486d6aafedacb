using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Domain;

public class ItemDateTests
{
    [Theory]
    [InlineData("1731", 1731, 1731, false)]
    [InlineData("1927-03-24", 1927, 1927, false)]
    [InlineData("0527~", 527, 527, true)]
    [InlineData("0976/0984", 976, 984, false)]
    [InlineData("1911-04", 1911, 1911, false)]
    public void Reads_the_EDTF_forms_of_the_catalogue(string edtf, int start, int end, bool approximate)
    {
        Assert.True(ItemDate.TryCreate("as written", edtf, out var date, out var error), error);
        Assert.Equal((start, end, approximate), (date.StartYear!.Value, date.EndYear!.Value, date.Approximate));
        Assert.Equal("as written", date.AsWritten);
    }

    [Theory]
    [InlineData("1731年")]
    [InlineData("17310")]
    [InlineData("1927-13-01")]
    [InlineData("1927-02-30")]
    [InlineData("0984/0976")]
    [InlineData("1/2/3")]
    public void Refuses_malformed_dates_with_a_reason(string edtf)
    {
        Assert.False(ItemDate.TryCreate("", edtf, out _, out var error));
        Assert.Contains(edtf, error);
    }

    [Fact]
    public void An_empty_date_is_unknown_not_an_error()
    {
        Assert.True(ItemDate.TryCreate("年代不詳", "", out var date, out _));
        Assert.Null(date.StartYear);
        Assert.Equal("年代不詳", date.AsWritten);
    }
}
