using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// <see cref="LowerCaseFilter"/>'s terms, without its cost on text that has no case: a token of Han characters (and other
/// caseless CJK ranges) is left as it is, ASCII letters are lowered in place, and any other token goes through the same
/// <see cref="CharacterUtils.ToLower"/> call <see cref="LowerCaseFilter"/> makes, so every term is the one it gives.
/// </summary>
/// <remarks>
/// Why: Lucene.Net's lowering is a culture-aware span conversion (ICU on Linux) for every token; on classical text, where
/// no token has a letter with case, it was a quarter of the indexing threads' time (profile in bench/RESULTS.md).
/// </remarks>
public sealed class CaselessLowerCaseFilter(TokenStream input) : TokenFilter(input)
{
    private static readonly CharacterUtils Lowering = CharacterUtils.GetInstance(ChineseSearchAnalyzer.Version);
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var buffer = _term.Buffer;
        var length = _term.Length;
        if (!Lower(buffer, length)) Lowering.ToLower(buffer, 0, length);
        return true;
    }

    /// <summary>
    /// Lowers ASCII letters in place when every other unit of the term is caseless (CJK ideographs, kana, CJK symbols,
    /// Hangul syllables, supplementary ideographs); false, with nothing changed, when some unit may have case.
    /// </summary>
    internal static bool Lower(char[] buffer, int length)
    {
        var ascii = false;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c < 0x80) { ascii |= c is >= 'A' and <= 'Z'; continue; }
            if (c is (>= '\u3000' and < '\uA000') or (>= '\uAC00' and < '\uD7A4') or (>= '\uF900' and < '\uFB00')) continue;
            // Planes 2 and 3 (U+20000–U+3FFFF): ideographs only. Their low surrogate follows.
            if (c is >= '\uD840' and < '\uD8C0' && i + 1 < length && char.IsLowSurrogate(buffer[i + 1])) { i++; continue; }
            return false;
        }
        if (ascii)
            for (var i = 0; i < length; i++)
                if (buffer[i] is >= 'A' and <= 'Z') buffer[i] = (char)(buffer[i] | 0x20);
        return true;
    }
}
