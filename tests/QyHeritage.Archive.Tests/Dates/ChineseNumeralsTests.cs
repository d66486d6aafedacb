using QyHeritage.Archive.Dates;

namespace QyHeritage.Archive.Tests.Dates;

public class ChineseNumeralsTests
{
    [Theory]
    [InlineData("一", 1)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("二十九", 29)]
    [InlineData("廿", 20)]
    [InlineData("廿一", 21)]
    [InlineData("卅", 30)]
    [InlineData("卅四", 34)]
    [InlineData("卌", 40)]
    [InlineData("〇", 0)]
    [InlineData("零", 0)]
    [InlineData("两", 2)]
    [InlineData("兩", 2)]
    [InlineData("兩千", 2000)]
    [InlineData("一百", 100)]
    [InlineData("一百零五", 105)]
    [InlineData("一百五", 150)]
    [InlineData("一百一十四", 114)]
    [InlineData("一千九百二十七", 1927)]
    [InlineData("二千零一十", 2010)]
    [InlineData("一九二七", 1927)]
    [InlineData("二〇一九", 2019)]
    [InlineData("一九〇五", 1905)]
    [InlineData("一一四", 114)]
    [InlineData("壹拾伍", 15)]
    [InlineData("贰拾", 20)]
    [InlineData("1927", 1927)]
    [InlineData("１９２７", 1927)]
    public void Reads_numerals(string text, int expected)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("十十", "out of order")]
    [InlineData("二十三十", "out of order")]
    [InlineData("五五十", "two digits")]
    [InlineData("一廿", "can only begin")]
    [InlineData("十零", "ends in 零")]
    [InlineData("年", "not a Chinese numeral")]
    [InlineData("元", "not a Chinese numeral")]
    [InlineData("一二三四五六七八九〇", "too many digits")]
    public void Refuses_what_is_not_a_numeral_with_a_reason(string? text, string reason)
    {
        Assert.False(ChineseNumerals.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
