using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// <see cref="CJKBigramFilter"/> over all four CJK scripts, token for token (terms, types, offsets, position increments
/// and lengths), without its one allocation per run of adjacent characters: where a run ends, the filter has read the next
/// token ahead and keeps it for the next call. Lucene's filter keeps it as a captured state (a clone of every attribute,
/// the term's buffer included); this one copies the five attributes of the chain in front of it (term, offsets, type,
/// position increment and length) into buffers of its own. A chain whose tokens carry other attributes (payloads, flags,
/// keywords) wants <see cref="CJKBigramFilter"/>, which keeps them.
/// </summary>
/// <remarks>
/// Why: on classical text a run ends at every layout blank, and the captured states were about a tenth of the indexing
/// threads' time (mostly the collections their allocations caused; profile in bench/RESULTS.md). The logic is that of
/// Lucene 4.8's filter, step for step; <c>AnalysisTests</c> checks the two give the same tokens on mixed text.
/// </remarks>
public sealed class CjkBigramFilter : TokenFilter
{
    private static readonly string Han = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC];
    private static readonly string Hiragana = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HIRAGANA];
    private static readonly string Katakana = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.KATAKANA];
    private static readonly string Hangul = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HANGUL];

    private readonly bool _outputUnigrams;
    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IPositionLengthAttribute _length;

    // Code points of the current run with their offsets, in parallel.
    private int[] _buffer = new int[8];
    private int[] _start = new int[8];
    private int[] _end = new int[8];
    private int _bufferLength;
    private int _index;
    private int _lastEnd;
    private bool _exhausted;
    private bool _ngramState;

    // The token read ahead where a run ended (CJKBigramFilter's loneState).
    private bool _lone;
    private char[] _loneTerm = new char[16];
    private int _loneLength, _loneStart, _loneEnd, _loneIncrement, _lonePositionLength;
    private string _loneType = "";

    /// <param name="outputUnigrams">As <see cref="CJKBigramFilter"/>'s: every character as a unigram too, the bigrams at position increment 0.</param>
    public CjkBigramFilter(TokenStream input, bool outputUnigrams) : base(input)
    {
        _outputUnigrams = outputUnigrams;
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _length = AddAttribute<IPositionLengthAttribute>();
    }

    public override bool IncrementToken()
    {
        while (true)
        {
            if (HasBufferedBigram)
            {
                if (_outputUnigrams)
                {
                    // A unigram first, then back to the bigram: ABC is A, AB, B, BC, C.
                    if (_ngramState) FlushBigram();
                    else
                    {
                        FlushUnigram();
                        _index--;
                    }
                    _ngramState = !_ngramState;
                }
                else FlushBigram();
                return true;
            }
            if (DoNext())
            {
                var type = _type.Type;
                if (type == Han || type == Hiragana || type == Katakana || type == Hangul)
                {
                    if (_offset.StartOffset != _lastEnd)
                    {
                        // Not adjacent: the buffered character is a unigram; this token waits for the next call.
                        if (HasBufferedUnigram)
                        {
                            SaveLone();
                            FlushUnigram();
                            return true;
                        }
                        _index = 0;
                        _bufferLength = 0;
                    }
                    Refill();
                }
                else
                {
                    // Not CJK: passed on as it is, after the buffered unigram if there is one.
                    if (HasBufferedUnigram)
                    {
                        SaveLone();
                        FlushUnigram();
                        return true;
                    }
                    return true;
                }
            }
            else
            {
                if (HasBufferedUnigram)
                {
                    FlushUnigram();
                    return true;
                }
                return false;
            }
        }
    }

    private bool DoNext()
    {
        if (_lone)
        {
            ClearAttributes();
            _term.CopyBuffer(_loneTerm, 0, _loneLength);
            _offset.SetOffset(_loneStart, _loneEnd);
            _type.Type = _loneType;
            _increment.PositionIncrement = _loneIncrement;
            _length.PositionLength = _lonePositionLength;
            _lone = false;
            return true;
        }
        if (_exhausted) return false;
        if (m_input.IncrementToken()) return true;
        _exhausted = true;
        return false;
    }

    private void SaveLone()
    {
        if (_loneTerm.Length < _term.Length) _loneTerm = new char[Math.Max(_term.Length, _loneTerm.Length * 2)];
        Array.Copy(_term.Buffer, _loneTerm, _term.Length);
        _loneLength = _term.Length;
        (_loneStart, _loneEnd) = (_offset.StartOffset, _offset.EndOffset);
        _loneType = _type.Type;
        _loneIncrement = _increment.PositionIncrement;
        _lonePositionLength = _length.PositionLength;
        _lone = true;
    }

    private void Refill()
    {
        // Only the last code point is ever needed again: keep the buffers small.
        if (_bufferLength > 64)
        {
            var last = _bufferLength - 1;
            _buffer[0] = _buffer[last];
            _start[0] = _start[last];
            _end[0] = _end[last];
            _bufferLength = 1;
            _index -= last;
        }
        var termBuffer = _term.Buffer;
        var len = _term.Length;
        var start = _offset.StartOffset;
        var end = _offset.EndOffset;
        var size = _bufferLength + len;
        if (size > _buffer.Length)
        {
            var grown = Math.Max(size, _buffer.Length * 2);
            Array.Resize(ref _buffer, grown);
            Array.Resize(ref _start, grown);
            Array.Resize(ref _end, grown);
        }
        _lastEnd = end;
        // Offsets that do not span the term (a char filter changed its length): every character gets the token's.
        var exact = end - start == len;
        for (var i = 0; i < len;)
        {
            var cp = CodePointAt(termBuffer, i, len);
            var units = cp >= 0x10000 ? 2 : 1;
            _buffer[_bufferLength] = cp;
            if (exact)
            {
                _start[_bufferLength] = start;
                start = _end[_bufferLength] = start + units;
            }
            else
            {
                _start[_bufferLength] = start;
                _end[_bufferLength] = end;
            }
            _bufferLength++;
            i += units;
        }
    }

    private void FlushBigram()
    {
        ClearAttributes();
        var termBuffer = _term.ResizeBuffer(4);
        var first = ToChars(_buffer[_index], termBuffer, 0);
        _term.Length = first + ToChars(_buffer[_index + 1], termBuffer, first);
        _offset.SetOffset(_start[_index], _end[_index + 1]);
        _type.Type = CJKBigramFilter.DOUBLE_TYPE;
        if (_outputUnigrams)
        {
            _increment.PositionIncrement = 0;
            _length.PositionLength = 2;
        }
        _index++;
    }

    private void FlushUnigram()
    {
        ClearAttributes();
        var termBuffer = _term.ResizeBuffer(2);
        _term.Length = ToChars(_buffer[_index], termBuffer, 0);
        _offset.SetOffset(_start[_index], _end[_index]);
        _type.Type = CJKBigramFilter.SINGLE_TYPE;
        _index++;
    }

    private bool HasBufferedBigram => _bufferLength - _index > 1;

    private bool HasBufferedUnigram => _outputUnigrams ? _bufferLength - _index == 1 : _bufferLength == 1 && _index == 0;

    // Java's Character.codePointAt: a surrogate pair is one code point, a lone surrogate stands for itself.
    private static int CodePointAt(char[] text, int i, int limit) =>
        char.IsHighSurrogate(text[i]) && i + 1 < limit && char.IsLowSurrogate(text[i + 1]) ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];

    private static int ToChars(int cp, char[] destination, int at)
    {
        if (cp < 0x10000)
        {
            destination[at] = (char)cp;
            return 1;
        }
        cp -= 0x10000;
        destination[at] = (char)(0xD800 + (cp >> 10));
        destination[at + 1] = (char)(0xDC00 + (cp & 0x3FF));
        return 2;
    }

    public override void Reset()
    {
        base.Reset();
        _bufferLength = 0;
        _index = 0;
        _lastEnd = 0;
        _lone = false;
        _exhausted = false;
        _ngramState = false;
    }
}
