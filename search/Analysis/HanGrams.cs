using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.TokenAttributes;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The tokens of the <c>text</c>, <c>text3</c> and <c>text_gap</c> fields for a (folded) text that holds nothing but Han
/// ideographs and layout — blanks, note brackets and line breaks, as an unpunctuated classical page does — read in one
/// pass over its characters, without the tokenizer and filters of <see cref="ChineseSearchAnalyzer"/>. On such a text
/// that chain gives one token per ideograph (<c>StandardTokenizer</c>), leaves it as it is (<c>CJKWidthFilter</c>,
/// <see cref="CaselessLowerCaseFilter"/>) and joins adjacent ones (nothing between them) into bigrams
/// (<see cref="CjkBigramFilter"/>) or trigrams (<see cref="HanTrigramFilter"/>); these streams give the same terms, offsets,
/// types and position increments (<c>HanGramsTests</c> compares them token for token over every ideograph they accept and
/// over classical and random texts), so the index is the same. Any other text goes through the analyser.
/// </summary>
/// <remarks>
/// Why: on classical pages (about 700 characters, 2,200 tokens over the three fields) the tokenizer and filters were about a
/// tenth of the indexing threads' time; what is left per token is Lucene's own inversion.
/// </remarks>
public sealed class HanGrams : TokenStream
{
    /// <summary>Which of the analyser's chains the stream stands for.</summary>
    public enum Kind
    {
        /// <summary>The <c>text</c> field: every ideograph, and the bigram of it and the next at the same position.</summary>
        UnigramsAndBigrams,
        /// <summary>The <c>text_gap</c> field: bigrams only (a lone ideograph, with no neighbour, as itself).</summary>
        Bigrams,
        /// <summary>The <c>text3</c> field: the trigrams of three adjacent ideographs, each at its first one's position.</summary>
        Trigrams,
    }

    private static readonly string Single = CJKBigramFilter.SINGLE_TYPE;
    private static readonly string Double = CJKBigramFilter.DOUBLE_TYPE;

    private readonly Kind _kind;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly ITypeAttribute _type;
    private string _text = "";
    private int _at;
    // The text field's bigram of the unigram just given, still to come at the same position (length 0: none).
    private int _bigramStart, _bigramLength;
    // Trigrams: where the two ideographs before the current one start.
    private readonly int[] _starts = new int[2];
    // Trigrams: the ideographs read since the last one that had no ideograph before it (the current run), and the
    // position of the last ideograph read and of the last trigram given.
    private int _run;
    private int _position;
    private int _emitted;

    public HanGrams(Kind kind)
    {
        _kind = kind;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    /// <summary>True when every character of <paramref name="text"/> is one these streams read: an ideograph of the unified blocks that <c>StandardTokenizer</c> (Lucene 4.8, Unicode 6.3) knows (<see cref="IsIdeograph"/>), a blank, a note bracket or a line break.</summary>
    public static bool Accepts(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var width = IdeographWidth(text, i);
            if (width == 2) i++;
            else if (width == 0 && !IsLayout(text[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// The unified ideographs of Unicode 6.3, the tokenizer's tables: U+3400–U+4DB5 (A), U+4E00–U+9FCC, U+20000–U+2A6D6 (B),
    /// U+2A700–U+2B734 (C), U+2B740–U+2B81D (D). Not the compatibility ideographs, nor those of later versions.
    /// </summary>
    public static bool IsIdeograph(int c) =>
        c is (>= 0x4E00 and <= 0x9FCC) or (>= 0x3400 and <= 0x4DB5) or (>= 0x20000 and <= 0x2A6D6) or (>= 0x2A700 and <= 0x2B734) or (>= 0x2B740 and <= 0x2B81D);

    /// <summary>The UTF-16 units of the ideograph at <paramref name="i"/> (1 or 2), or 0 where there is none.</summary>
    private static int IdeographWidth(string text, int i)
    {
        if (i >= text.Length) return 0;
        var c = text[i];
        if (!char.IsHighSurrogate(c)) return IsIdeograph(c) ? 1 : 0;
        return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && IsIdeograph(char.ConvertToUtf32(c, text[i + 1])) ? 2 : 0;
    }

    private static bool IsLayout(char c) => c is ' ' or '\u3000' or '\n' or '〔' or '〕';

    /// <summary>The text of the next use (then <see cref="Reset"/>, as the indexer does): one the streams <see cref="Accepts"/>.</summary>
    public HanGrams SetText(string text)
    {
        _text = text;
        return this;
    }

    public override void Reset()
    {
        base.Reset();
        _at = 0;
        _bigramLength = 0;
        _run = 0;
        _position = -1;
        _emitted = -1;
        _starts[0] = _starts[1] = 0;
    }

    public override bool IncrementToken()
    {
        var text = _text;
        if (_bigramLength > 0)
        {
            // The bigram of the unigram just given and the ideograph after it, at the same position.
            Emit(_bigramStart, _bigramLength, 0, Double);
            _bigramLength = 0;
            return true;
        }
        while (_at < text.Length)
        {
            var i = _at;
            var width = IdeographWidth(text, i);
            if (width == 0)
            {
                // Layout (one unit): the run of adjacent ideographs ends.
                _at++;
                _run = 0;
                continue;
            }
            _at += width;
            var nextWidth = IdeographWidth(text, _at);
            switch (_kind)
            {
                case Kind.UnigramsAndBigrams:
                    Emit(i, width, 1, Single);
                    if (nextWidth > 0) (_bigramStart, _bigramLength) = (i, width + nextWidth);
                    return true;
                case Kind.Bigrams:
                    var alone = _run++ == 0 && nextWidth == 0;
                    if (alone)
                    {
                        Emit(i, width, 1, Single);
                        return true;
                    }
                    if (nextWidth == 0) continue;
                    Emit(i, width + nextWidth, 1, Double);
                    return true;
                default:
                    _position++;
                    var twoBack = _starts[0];
                    (_starts[0], _starts[1]) = (_starts[1], i);
                    if (++_run < 3) continue;
                    // The trigram ending here starts two ideographs back, at that one's position.
                    var first = _position - 2;
                    Emit(twoBack, _at - twoBack, first - _emitted, HanTrigramFilter.TrigramType);
                    _emitted = first;
                    return true;
            }
        }
        return false;
    }

    private void Emit(int start, int length, int increment, string type)
    {
        ClearAttributes();
        _text.CopyTo(start, _term.ResizeBuffer(length), 0, length);
        _term.Length = length;
        _offset.SetOffset(start, start + length);
        _increment.PositionIncrement = increment;
        _type.Type = type;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_text.Length, _text.Length);
    }
}
