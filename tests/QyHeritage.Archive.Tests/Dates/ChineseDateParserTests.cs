using QyHeritage.Archive.Dates;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Dates;

public class ChineseDateParserTests
{
    /// <summary>Month 0 / day 0 = not written.</summary>
    [Theory]
    // The six anchors of the search issue.
    [InlineData("光緒十五年", 1889, 1889, 0, 0, "清光緒")]
    [InlineData("民國二十年", 1931, 1931, 0, 0, "民國")]
    [InlineData("雍正九年", 1731, 1731, 0, 0, "清雍正")]
    [InlineData("開皇十年", 590, 590, 0, 0, "隋開皇")]
    [InlineData("太平興國年間", 976, 984, 0, 0, "北宋太平興國")]
    [InlineData("宣統三年三月二十九日", 1911, 1911, 3, 29, "清宣統")]
    // The same in simplified characters.
    [InlineData("光绪十五年", 1889, 1889, 0, 0, "清光緒")]
    [InlineData("民国二十年", 1931, 1931, 0, 0, "民國")]
    [InlineData("开皇十年", 590, 590, 0, 0, "隋開皇")]
    [InlineData("太平兴国年间", 976, 984, 0, 0, "北宋太平興國")]
    [InlineData("宣统三年三月二十九日", 1911, 1911, 3, 29, "清宣統")]
    [InlineData("万历四十八年", 1620, 1620, 0, 0, "明萬曆")]
    [InlineData("嘉靖年间", 1522, 1566, 0, 0, "明嘉靖")]
    // Dynasty prefixes.
    [InlineData("清光緒十五年", 1889, 1889, 0, 0, "清光緒")]
    [InlineData("大清光緒十五年", 1889, 1889, 0, 0, "清光緒")]
    [InlineData("清宣統三年三月二十九日", 1911, 1911, 3, 29, "清宣統")]
    [InlineData("明永樂元年", 1403, 1403, 0, 0, "明永樂")]
    [InlineData("明朝嘉靖元年", 1522, 1522, 0, 0, "明嘉靖")]
    [InlineData("大明萬曆四十八年", 1620, 1620, 0, 0, "明萬曆")]
    [InlineData("唐天寶十四載", 755, 755, 0, 0, "唐天寶")]
    [InlineData("宋太平興國二年", 977, 977, 0, 0, "北宋太平興國")]
    [InlineData("北宋建隆元年", 960, 960, 0, 0, "北宋建隆")]
    [InlineData("南宋紹興三十二年", 1162, 1162, 0, 0, "南宋紹興")]
    [InlineData("宋紹興三十二年", 1162, 1162, 0, 0, "南宋紹興")]
    [InlineData("北魏孝昌三年", 527, 527, 0, 0, "北魏孝昌")]
    [InlineData("隋大業十四年", 618, 618, 0, 0, "隋大業")]
    [InlineData("中華民國十六年", 1927, 1927, 0, 0, "民國")]
    [InlineData("元至元五年", 1268, 1268, 0, 0, "元至元")]
    [InlineData("唐上元二年", 675, 675, 0, 0, "唐上元")]
    [InlineData("元天順元年", 1328, 1328, 0, 0, "元天順")]
    [InlineData("明天順元年", 1457, 1457, 0, 0, "明天順")]
    [InlineData("金貞元二年", 1154, 1154, 0, 0, "金貞元")]
    [InlineData("武周長安四年", 704, 704, 0, 0, "武周長安")]
    [InlineData("後晉天福九年", 944, 944, 0, 0, "後晉天福")]
    [InlineData("后周显德七年", 960, 960, 0, 0, "後周顯德")]
    [InlineData("西漢元鼎六年", -111, -111, 0, 0, "西漢元鼎")]
    // Eras without a prefix, across the dynasties.
    [InlineData("天順五年", 1461, 1461, 0, 0, "明天順")]
    [InlineData("嘉靖十一年", 1532, 1532, 0, 0, "明嘉靖")]
    [InlineData("貞觀元年", 627, 627, 0, 0, "唐貞觀")]
    [InlineData("开元二十九年", 741, 741, 0, 0, "唐開元")]
    [InlineData("天寶三載", 744, 744, 0, 0, "唐天寶")]
    [InlineData("貞元二十一年", 805, 805, 0, 0, "唐貞元")]
    [InlineData("元和十五年", 820, 820, 0, 0, "唐元和")]
    [InlineData("武德元年", 618, 618, 0, 0, "唐武德")]
    [InlineData("天祐四年", 907, 907, 0, 0, "唐天祐")]
    [InlineData("同光元年", 923, 923, 0, 0, "後唐同光")]
    [InlineData("開寶九年", 976, 976, 0, 0, "北宋開寶")]
    [InlineData("大中祥符元年", 1008, 1008, 0, 0, "北宋大中祥符")]
    [InlineData("建中靖國元年", 1101, 1101, 0, 0, "北宋建中靖國")]
    [InlineData("靖康二年", 1127, 1127, 0, 0, "北宋靖康")]
    [InlineData("紹興元年", 1131, 1131, 0, 0, "南宋紹興")]
    [InlineData("咸淳十年", 1274, 1274, 0, 0, "南宋咸淳")]
    [InlineData("祥興二年", 1279, 1279, 0, 0, "南宋祥興")]
    [InlineData("至正二十八年", 1368, 1368, 0, 0, "元至正")]
    [InlineData("元貞元年", 1295, 1295, 0, 0, "元元貞")]
    [InlineData("洪武三十一年", 1398, 1398, 0, 0, "明洪武")]
    [InlineData("建文四年", 1402, 1402, 0, 0, "明建文")]
    [InlineData("永樂二十二年", 1424, 1424, 0, 0, "明永樂")]
    [InlineData("洪熙元年", 1425, 1425, 0, 0, "明洪熙")]
    [InlineData("宣德十年", 1435, 1435, 0, 0, "明宣德")]
    [InlineData("正統十四年", 1449, 1449, 0, 0, "明正統")]
    [InlineData("景泰八年", 1457, 1457, 0, 0, "明景泰")]
    [InlineData("成化二十三年", 1487, 1487, 0, 0, "明成化")]
    [InlineData("弘治十八年", 1505, 1505, 0, 0, "明弘治")]
    [InlineData("正德十六年", 1521, 1521, 0, 0, "明正德")]
    [InlineData("隆慶六年", 1572, 1572, 0, 0, "明隆慶")]
    [InlineData("萬曆元年", 1573, 1573, 0, 0, "明萬曆")]
    [InlineData("萬歷十年", 1582, 1582, 0, 0, "明萬曆")]
    [InlineData("泰昌元年", 1620, 1620, 0, 0, "明泰昌")]
    [InlineData("天啟七年", 1627, 1627, 0, 0, "明天啟")]
    [InlineData("天啓七年", 1627, 1627, 0, 0, "明天啟")]
    [InlineData("崇禎十七年", 1644, 1644, 0, 0, "明崇禎")]
    [InlineData("永曆元年", 1647, 1647, 0, 0, "南明永曆")]
    [InlineData("天命元年", 1616, 1616, 0, 0, "後金天命")]
    [InlineData("順治元年", 1644, 1644, 0, 0, "清順治")]
    [InlineData("康熙六十一年", 1722, 1722, 0, 0, "清康熙")]
    [InlineData("乾隆六十年", 1795, 1795, 0, 0, "清乾隆")]
    [InlineData("嘉慶二十五年", 1820, 1820, 0, 0, "清嘉慶")]
    [InlineData("道光三十年", 1850, 1850, 0, 0, "清道光")]
    [InlineData("咸丰十一年", 1861, 1861, 0, 0, "清咸豐")]
    [InlineData("同治十三年", 1874, 1874, 0, 0, "清同治")]
    [InlineData("宣統元年", 1909, 1909, 0, 0, "清宣統")]
    [InlineData("洪憲元年", 1916, 1916, 0, 0, "中華帝國洪憲")]
    [InlineData("元鼎六年", -111, -111, 0, 0, "西漢元鼎")]
    // Numerals.
    [InlineData("光緒廿年", 1894, 1894, 0, 0, "清光緒")]
    [InlineData("光緒卅四年", 1908, 1908, 0, 0, "清光緒")]
    [InlineData("乾隆卅年", 1765, 1765, 0, 0, "清乾隆")]
    [InlineData("民國一一四年", 2025, 2025, 0, 0, "民國")]
    [InlineData("民國一百一十四年", 2025, 2025, 0, 0, "民國")]
    [InlineData("民國16年", 1927, 1927, 0, 0, "民國")]
    [InlineData("民國１６年", 1927, 1927, 0, 0, "民國")]
    [InlineData("民國兩年", 1913, 1913, 0, 0, "民國")]
    [InlineData("  光緒十五年  ", 1889, 1889, 0, 0, "清光緒")]
    // Months and days, as written.
    [InlineData("光緒十五年正月", 1889, 1889, 1, 0, "清光緒")]
    [InlineData("光緒十五年閏二月", 1889, 1889, 2, 0, "清光緒")]
    [InlineData("宣統三年八月十九日", 1911, 1911, 8, 19, "清宣統")]
    [InlineData("康熙六十一年十一月十三日", 1722, 1722, 11, 13, "清康熙")]
    [InlineData("乾隆元年正月初五", 1736, 1736, 1, 5, "清乾隆")]
    [InlineData("乾隆元年臘月初八日", 1736, 1736, 12, 8, "清乾隆")]
    [InlineData("道光二十年冬月朔", 1840, 1840, 11, 1, "清道光")]
    [InlineData("道光二十年八月望", 1840, 1840, 8, 15, "清道光")]
    [InlineData("光緒十五年三月卅日", 1889, 1889, 3, 30, "清光緒")]
    [InlineData("民國十六年三月二十四日", 1927, 1927, 3, 24, "民國")]
    [InlineData("民國二十六年七月七日", 1937, 1937, 7, 7, "民國")]
    // Western years.
    [InlineData("1927年", 1927, 1927, 0, 0, "公元")]
    [InlineData("1927年3月24日", 1927, 1927, 3, 24, "公元")]
    [InlineData("一九二七年", 1927, 1927, 0, 0, "公元")]
    [InlineData("一九二七年三月二十四日", 1927, 1927, 3, 24, "公元")]
    [InlineData("二〇一九年", 2019, 2019, 0, 0, "公元")]
    [InlineData("2019年8月20日", 2019, 2019, 8, 20, "公元")]
    [InlineData("2020年2月29日", 2020, 2020, 2, 29, "公元")]
    [InlineData("590年", 590, 590, 0, 0, "公元")]
    [InlineData("公元590年", 590, 590, 0, 0, "公元")]
    [InlineData("西元一九一一年", 1911, 1911, 0, 0, "公元")]
    [InlineData("公元前111年", -111, -111, 0, 0, "公元前")]
    [InlineData("公元前一百一十一年", -111, -111, 0, 0, "公元前")]
    [InlineData("前111年", -111, -111, 0, 0, "公元前")]
    // Whole reigns and their parts.
    [InlineData("乾隆間", 1736, 1795, 0, 0, "清乾隆")]
    [InlineData("乾隆年間", 1736, 1795, 0, 0, "清乾隆")]
    [InlineData("乾隆", 1736, 1795, 0, 0, "清乾隆")]
    [InlineData("光緒初", 1875, 1884, 0, 0, "清光緒")]
    [InlineData("光緒初年", 1875, 1884, 0, 0, "清光緒")]
    [InlineData("光緒末年", 1899, 1908, 0, 0, "清光緒")]
    [InlineData("光緒末", 1899, 1908, 0, 0, "清光緒")]
    [InlineData("宣統初年", 1909, 1909, 0, 0, "清宣統")]
    [InlineData("嘉慶末", 1813, 1820, 0, 0, "清嘉慶")]
    [InlineData("康熙中葉", 1672, 1712, 0, 0, "清康熙")]
    [InlineData("民國年間", 1912, 1949, 0, 0, "民國")]
    [InlineData("天順", 1457, 1464, 0, 0, "明天順")]
    [InlineData("至元", 1264, 1294, 0, 0, "元至元")]
    [InlineData("太平", 1021, 1031, 0, 0, "遼太平")]
    [InlineData("貞元", 785, 805, 0, 0, "唐貞元")]
    [InlineData("大安二年", 1086, 1086, 0, 0, "遼大安")]
    // A dynasty alone.
    [InlineData("北魏", 386, 534, 0, 0, "北魏")]
    [InlineData("宋", 960, 1279, 0, 0, "宋")]
    [InlineData("明", 1368, 1644, 0, 0, "明")]
    [InlineData("清", 1636, 1911, 0, 0, "清")]
    public void Reads_valid_forms(string text, int start, int end, int month, int day, string era)
    {
        Assert.True(ChineseDateParser.TryParse(text, out var date, out var error), error);
        Assert.Equal((start, end), (date.StartYear, date.EndYear));
        Assert.Equal(month == 0 ? null : month, date.Month);
        Assert.Equal(day == 0 ? null : day, date.Day);
        Assert.Equal(era, date.Era);
        Assert.Equal(text.Trim(), date.AsWritten);
    }

    [Theory]
    [InlineData("光緒四十年", "清光緒 has only 34 years (1875–1908)")]
    [InlineData("宣統四年", "清宣統 has only 3 years")]
    [InlineData("洪熙二年", "明洪熙 has only 1 years")]
    [InlineData("貞觀二十四年", "唐貞觀 has only 23 years")]
    [InlineData("崇禎十八年", "明崇禎 has only 17 years")]
    [InlineData("乾隆六十一年", "清乾隆 has only 60 years")]
    [InlineData("開皇二十一年", "隋開皇 has only 20 years")]
    [InlineData("太平興國十年", "北宋太平興國 has only 9 years")]
    [InlineData("天順九年", "明天順 has only 8 years")]
    [InlineData("康熙九十年", "does not exist")]
    [InlineData("民國二百年", "民國 has only")]
    [InlineData("光緒〇年", "no year 0")]
    [InlineData("光緒零年", "no year 0")]
    [InlineData("光緒十十年", "out of order")]
    [InlineData("光緒五五十年", "two digits in a row")]
    [InlineData("清開元十年", "開元 is not an era of 清")]
    [InlineData("唐光緒元年", "光緒 is not an era of 唐")]
    [InlineData("光緒十五年十三月", "no month 13")]
    [InlineData("光緒十五年三月三十一日", "day 31 does not exist")]
    [InlineData("宣統三年十二月三十二日", "day 32 does not exist")]
    [InlineData("民國十六年二月三十日", "day 30 does not exist")]
    [InlineData("1927年2月29日", "day 29 does not exist")]
    [InlineData("1927年13月", "no month 13")]
    [InlineData("民國十六年閏三月", "lunar calendar")]
    [InlineData("民國十六年正月", "lunar calendar")]
    [InlineData("公元0年", "no year 0")]
    [InlineData("乾隆年間三月", "a month to a range")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("abc", "not a date expression")]
    [InlineData("甲子年", "not a date expression")]
    [InlineData("黃龍三年", "'黃龍' in '黃龍三年' is not an era name")]
    [InlineData("雍正九年（文淵閣四庫全書本）", "has text beyond the date '雍正九年'")]
    public void Refuses_invalid_forms_with_the_reason(string text, string reason)
    {
        Assert.False(ChineseDateParser.TryParse(text, out var date, out var error));
        Assert.Null(date);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Never_throws_on_odd_input()
    {
        foreach (var text in new[] { null, "\0", "年", "月", "元年", "光緒", "光緒年", "十五年", "三月二十九日", "公元前", "前年", "清", "閏月", new string('九', 5000) + "年" })
        {
            ChineseDateParser.TryParse(text, out _, out _);
            ChineseDateParser.FindIn(text);
        }
    }

    [Fact]
    public void The_six_anchors_of_the_issue_normalise_to_their_years()
    {
        var anchors = new (string Text, string Edtf)[]
        {
            ("光緒十五年", "1889"), ("民國二十年", "1931"), ("雍正九年", "1731"),
            ("開皇十年", "0590"), ("太平興國年間", "0976/0984"), ("宣統三年三月二十九日", "1911"),
        };
        foreach (var (text, edtf) in anchors)
        {
            Assert.True(ChineseDateParser.TryParse(text, out var date, out var error), error);
            Assert.Equal(edtf, date.ToEdtf());
        }
    }

    [Fact]
    public void A_lunar_month_and_day_are_kept_as_written_and_left_out_of_EDTF()
    {
        Assert.True(ChineseDateParser.TryParse("宣統三年三月二十九日", out var date, out _));
        Assert.True(date.Lunar);
        Assert.Equal((3, 29), (date.Month, date.Day));
        // 宣統三年三月二十九日 is 27 April 1911 in the Gregorian calendar: the parser does not convert.
        Assert.Equal("1911", date.ToEdtf());
    }

    [Fact]
    public void Republic_and_Western_dates_are_Gregorian_and_keep_month_and_day_in_EDTF()
    {
        Assert.True(ChineseDateParser.TryParse("民國十六年三月二十四日", out var republic, out _));
        Assert.False(republic.Lunar);
        Assert.Equal("1927-03-24", republic.ToEdtf());
        Assert.True(ChineseDateParser.TryParse("一九二七年三月二十四日", out var western, out _));
        Assert.Equal("1927-03-24", western.ToEdtf());
        Assert.True(ChineseDateParser.TryParse("1927年3月", out var month, out _));
        Assert.Equal("1927-03", month.ToEdtf());
    }

    [Fact]
    public void A_leap_month_is_flagged()
    {
        Assert.True(ChineseDateParser.TryParse("光緒十五年閏二月", out var date, out _));
        Assert.True(date.LeapMonth);
        Assert.Equal(2, date.Month);
    }

    [Theory]
    [InlineData("光緒初", "1875~/1884~")]
    [InlineData("光緒末年", "1899~/1908~")]
    [InlineData("宣統初", "1909~")]
    [InlineData("太平興國年間", "0976/0984")]
    [InlineData("公元前111年", "-0110")]
    [InlineData("北魏", "0386/0534")]
    public void Writes_EDTF(string text, string edtf)
    {
        Assert.True(ChineseDateParser.TryParse(text, out var date, out var error), error);
        Assert.Equal(edtf, date.ToEdtf());
        if (date.StartYear > 0)
        {
            // What the catalogue stores must be EDTF the domain accepts.
            Assert.True(ItemDate.TryCreate(text, date.ToEdtf(), out var item, out var itemError), itemError);
            Assert.Equal((date.StartYear, date.EndYear, date.Approximate), (item.StartYear!.Value, item.EndYear!.Value, item.Approximate));
        }
    }

    [Theory]
    [InlineData("天順", "元天順 1328")]
    [InlineData("至元五年", "元至元 1339")]
    [InlineData("上元二年", "唐上元 0761")]
    [InlineData("貞元二年", "金貞元 1154")]
    [InlineData("景福元年", "遼景福 1031")]
    [InlineData("大安二年", "金大安 1210")]
    [InlineData("明", "南明 1644/1662")]
    public void An_era_name_of_several_dynasties_lists_the_other_readings(string text, string alternative)
    {
        Assert.True(ChineseDateParser.TryParse(text, out var date, out var error), error);
        Assert.Contains(alternative, date.Alternatives);
    }

    [Fact]
    public void The_year_rules_out_readings_that_do_not_exist()
    {
        // 元's 天順 lasted one year, so 天順五年 can only be 明's.
        Assert.True(ChineseDateParser.TryParse("天順五年", out var date, out _));
        Assert.Empty(date.Alternatives);
        // 金's 貞元 lasted four, so 貞元五年 is 唐's alone.
        Assert.True(ChineseDateParser.TryParse("貞元五年", out date, out _));
        Assert.Equal(789, date.StartYear);
        Assert.Empty(date.Alternatives);
    }

    [Theory]
    [InlineData("雍正九年（文淵閣四庫全書本，乾隆間鈔）", "1731", "雍正九年")]
    [InlineData("北魏（酈道元卒於孝昌三年）", "0527", "孝昌三年")]
    [InlineData("隋開皇十年（590年）改為清遠縣", "0590", "隋開皇十年")]
    [InlineData("元鼎六年（公元前111年）", "-0110", "元鼎六年")]
    [InlineData("民国元年（1912年）", "1912", "民国元年")]
    [InlineData("乾隆間鈔本", "1736/1795", "乾隆間")]
    [InlineData("光緒四十年，實為光緒三十四年", "1908", "光緒三十四年")]
    [InlineData("清宣統三年三月二十九日（→1911, lunar）", "1911", "清宣統三年三月二十九日")]
    [InlineData("一九二七年（民國十六年）·篇末署「三月二十四日夜」", "1927-03-24", "一九二七年（民國十六年）·篇末署「三月二十四日")]
    [InlineData("一九二七年（民國十六年三月二十四日）", "1927-03-24", "一九二七年（民國十六年三月二十四日")]
    [InlineData("2019年8月20日轉儲", "2019-08-20", "2019年8月20日")]
    [InlineData("1911年（宣統三年三月二十九日）", "1911", "1911年（宣統三年三月二十九日")]
    [InlineData("元貞元年刻本", "1295", "元貞元年")]
    public void Finds_the_first_date_inside_longer_text(string text, string edtf, string asWritten)
    {
        var date = ChineseDateParser.FindIn(text);
        Assert.NotNull(date);
        Assert.Equal(edtf, date.ToEdtf());
        Assert.Equal(asWritten, date.AsWritten);
    }

    [Theory]
    [InlineData("北魏")]
    [InlineData("清遠縣志")]
    [InlineData("長安城外")]
    [InlineData("開元寺")]
    [InlineData("十五年來")]
    [InlineData("光緒四十年")]
    [InlineData("")]
    [InlineData(null)]
    public void Finds_nothing_where_there_is_no_date_with_a_year(string? text) => Assert.Null(ChineseDateParser.FindIn(text));

    [Fact]
    public void Both_readings_of_a_glossed_year_agree_or_the_other_is_listed()
    {
        Assert.True(ChineseDateParser.TryParse("一九二七年", out var western, out _));
        Assert.True(ChineseDateParser.TryParse("民國十六年", out var republic, out _));
        Assert.Equal(western.StartYear, republic.StartYear);
        var agreeing = ChineseDateParser.FindIn("一九二七年（民國十六年）");
        Assert.Equal(1927, agreeing!.StartYear);
        Assert.Empty(agreeing.Alternatives);
        var disagreeing = ChineseDateParser.FindIn("一九二七年（民國十五年）");
        Assert.Equal(1927, disagreeing!.StartYear);
        Assert.Contains("民國十五年 1926 (written later in the same text)", disagreeing.Alternatives);
    }
}
