using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Indexing;

public sealed class PageDocumentsTests
{
    [Theory]
    [InlineData(1731, "清")]
    [InlineData(1927, "中华民国")]
    [InlineData(980, "北宋")]
    [InlineData(1532, "明")]
    [InlineData(700, "武周")]
    [InlineData(1640, "清")]
    public void The_dynasty_facet_comes_from_the_reign_tables(int year, string dynasty) => Assert.Equal(dynasty, PageDocuments.DynastyOf(year));

    [Fact]
    public void No_dynasty_after_the_Republic() => Assert.Null(PageDocuments.DynastyOf(2019));

    [Theory]
    [InlineData(1927, "1920")]
    [InlineData(590, "0590")]
    [InlineData(-103, "-0110")]
    public void Decades(int year, string decade) => Assert.Equal(decade, PageDocuments.DecadeOf(year));
}
