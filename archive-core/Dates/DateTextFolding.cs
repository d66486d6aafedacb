namespace QyHeritage.Archive.Dates;

/// <summary>
/// Folds the variant characters that era names are written with onto the forms of the reign table, one
/// character for one so that positions in the folded text are positions in the original.
/// </summary>
internal static class DateTextFolding
{
    // Variants seen in dated colophons: 天啓 (啓 for 啟), 萬歷/萬厯 (Qing texts avoided 曆, the Qianlong
    // emperor's personal name), 淸 and 眞 (old printed forms), 熈/煕 for 熙, 寳 for 寶, 徳 for 德, 囯 for 國.
    private static readonly Dictionary<char, char> Variants = new()
    {
        ['啓'] = '啟', ['歷'] = '曆', ['厯'] = '曆', ['暦'] = '曆', ['淸'] = '清', ['眞'] = '真',
        ['熈'] = '熙', ['煕'] = '熙', ['寳'] = '寶', ['徳'] = '德', ['囯'] = '國', ['乹'] = '乾',
        ['閠'] = '閏',
    };

    /// <summary>The text with variants folded and full-width digits made ASCII; same length as the input.</summary>
    public static string Fold(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '０' and <= '９') chars[i] = (char)('0' + (c - '０'));
            else if (Variants.TryGetValue(c, out var v)) chars[i] = v;
        }
        return new string(chars);
    }
}
