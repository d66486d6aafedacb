namespace QyHeritage.Archive.Dates;

/// <summary>
/// Chinese numerals as dates write them, read to an integer.
/// <list type="bullet">
/// <item>Digit by digit, as modern texts write Western years: 一九二七 = 1927, 二〇一九 = 2019, 一一四 = 114.</item>
/// <item>Positional with 十 百 千: 十二 = 12, 二十九 = 29, 一百零五 = 105, 一百五 = 150 (a digit after 百/千 with no 零 counts in the next lower place, as spoken).</item>
/// <item>廿 = 20, 卅 = 30, 卌 = 40 at the start: 廿一 = 21.</item>
/// <item>Digits 〇/零, 两/兩 = 2, the financial forms (壹貳參肆伍陸柒捌玖拾佰仟, traditional and simplified), and ASCII or full-width digits.</item>
/// </list>
/// 元 (元年) and 正 (正月) are words, not numerals; <see cref="ChineseDateParser"/> reads them.
/// </summary>
public static class ChineseNumerals
{
    /// <summary>Reads a numeral; false with a reason for anything else. Never throws.</summary>
    public static bool TryParse(string? text, out int value, out string? error)
    {
        value = 0;
        error = null;
        if (string.IsNullOrEmpty(text)) { error = "the numeral is empty"; return false; }
        var digits = new List<int>(text.Length);
        var positional = false;
        foreach (var c in text)
        {
            if (Digit(c) is int d) digits.Add(d);
            else if (Multiplier(c) is not null || Tens(c) is not null) positional = true;
            else { error = $"'{c}' in '{text}' is not a Chinese numeral"; return false; }
        }
        if (!positional)
        {
            // Too many digits would overflow and no date needs them.
            if (text.Length > 9) { error = $"'{text}' has too many digits"; return false; }
            foreach (var d in digits) value = value * 10 + d;
            return true;
        }
        return TryParsePositional(text, out value, out error);
    }

    /// <summary>Reads a numeral; false for anything else.</summary>
    public static bool TryParse(string? text, out int value) => TryParse(text, out value, out _);

    private static bool TryParsePositional(string text, out int value, out string? error)
    {
        value = 0;
        error = null;
        int? pending = null;        // a digit waiting for its multiplier
        var lastMultiplier = int.MaxValue;
        var zeroSeen = false;       // 零 marks a skipped place: 一百零五 = 105, not 150
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Tens(c) is int tens)
            {
                if (i != 0) { error = $"'{c}' can only begin a numeral ('{text}')"; return false; }
                value = tens;
                lastMultiplier = 10;
            }
            else if (Multiplier(c) is int m)
            {
                if (m >= lastMultiplier) { error = $"'{text}' has its places out of order"; return false; }
                if (pending == 0) { error = $"'{text}' puts 零 before a multiplier"; return false; }
                // A bare leading 十 means one ten (十五 = 15); so does 一百十五 in loose writing.
                value += (pending ?? 1) * m;
                lastMultiplier = m;
                pending = null;
                zeroSeen = false;
            }
            else
            {
                var d = Digit(c)!.Value;
                if (d == 0) { if (pending is not null) { error = $"'{text}' has a digit before 零"; return false; } zeroSeen = true; continue; }
                if (pending is not null) { error = $"'{text}' has two digits in a row in a numeral with 十/百/千"; return false; }
                pending = d;
            }
        }
        if (pending is int last)
        {
            // 一百五 = 150 and 一千二 = 1200: a final digit right after 百/千 is one place lower.
            value += lastMultiplier >= 100 && lastMultiplier != int.MaxValue && !zeroSeen ? last * (lastMultiplier / 10) : last;
        }
        else if (zeroSeen) { error = $"'{text}' ends in 零"; return false; }
        return true;
    }

    private static int? Digit(char c) => c switch
    {
        '〇' or '零' or '0' or '０' => 0,
        '一' or '壹' or '1' or '１' => 1,
        '二' or '两' or '兩' or '貳' or '贰' or '2' or '２' => 2,
        '三' or '參' or '叁' or '叄' or '3' or '３' => 3,
        '四' or '肆' or '4' or '４' => 4,
        '五' or '伍' or '5' or '５' => 5,
        '六' or '陸' or '陆' or '6' or '６' => 6,
        '七' or '柒' or '7' or '７' => 7,
        '八' or '捌' or '8' or '８' => 8,
        '九' or '玖' or '9' or '９' => 9,
        _ => null,
    };

    private static int? Multiplier(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => null,
    };

    private static int? Tens(char c) => c switch
    {
        '廿' => 20,
        '卅' => 30,
        '卌' => 40,
        _ => null,
    };
}
