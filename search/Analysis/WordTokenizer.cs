using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The words of a text: SmartCn's segmentation (<see cref="HMMChineseTokenizer"/>, punctuation dropped) of everything but
/// long unpunctuated runs of Han characters; in those, the words of two characters or more of <see cref="ClassicalWords"/>
/// by forward longest match.
/// </summary>
/// <remarks>
/// Why: an unpunctuated run of <see cref="ClassicalRun"/> Han characters or more (blanks and note brackets inside it
/// allowed) is classical text — no modern sentence goes that long without a mark — and SmartCn costs about 1 µs and
/// 1 kB allocated per character: on an unpunctuated gazetteer page the largest cost of indexing. Its modern dictionary
/// and bigram statistics cut such text mostly into single characters anyway, which rank nothing; the longest match over
/// the same dictionary finds the same multi-character words at a fraction of the cost. Modern text is segmented exactly
/// as before: a page without such a run is handed to SmartCn whole; around a run, the text before and after it is, each
/// as a whole.
/// </remarks>
public sealed class WordTokenizer : Tokenizer
{
    /// <summary>How many Han characters without punctuation make a run classical text.</summary>
    public const int ClassicalRun = 48;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ClassicalWords? _classical;
    private readonly Tokenizer _smart;
    private readonly TokenStream _smartWords;
    private readonly ICharTermAttribute _smartTerm;
    private readonly IOffsetAttribute _smartOffset;

    private char[] _text = new char[1024];
    private int _length;
    // The parts of the text, in order: (start, end, classical).
    private readonly List<(int Start, int End, bool Classical)> _parts = [];
    private int _part;
    private int _at;
    private bool _inSmart;
    private int _finalOffset;

    /// <param name="classical">The dictionary for classical runs; null: SmartCn segments everything.</param>
    public WordTokenizer(TextReader input, ClassicalWords? classical) : base(input)
    {
        _classical = classical;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _smart = new HMMChineseTokenizer(new StringReader(""));
        _smartWords = new StopFilter(ChineseSearchAnalyzer.Version, _smart, SmartChineseAnalyzer.DefaultStopSet);
        _smartTerm = _smartWords.GetAttribute<ICharTermAttribute>();
        _smartOffset = _smartWords.GetAttribute<IOffsetAttribute>();
        // SetReader needs a closed stream: the inner one starts closed.
        _smartWords.Dispose();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (_part < _parts.Count)
        {
            var (start, end, classical) = _parts[_part];
            if (classical)
            {
                while (_at < end)
                {
                    var length = _classical!.LongestAt(_text.AsSpan(_at, end - _at));
                    if (length == 0)
                    {
                        _at += char.IsHighSurrogate(_text[_at]) && _at + 1 < end ? 2 : 1;
                        continue;
                    }
                    _term.CopyBuffer(_text, _at, length);
                    _offset.SetOffset(CorrectOffset(_at), CorrectOffset(_at + length));
                    _at += length;
                    return true;
                }
            }
            else
            {
                if (!_inSmart)
                {
                    _smart.SetReader(new StringReader(new string(_text, start, end - start)));
                    _smartWords.Reset();
                    _inSmart = true;
                }
                if (_smartWords.IncrementToken())
                {
                    _term.CopyBuffer(_smartTerm.Buffer, 0, _smartTerm.Length);
                    _offset.SetOffset(CorrectOffset(start + _smartOffset.StartOffset), CorrectOffset(start + _smartOffset.EndOffset));
                    return true;
                }
                _smartWords.End();
                _smartWords.Dispose();
                _inSmart = false;
            }
            _part++;
            if (_part < _parts.Count) _at = _parts[_part].Start;
        }
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        int read;
        while ((read = m_input.Read(_text, _length, _text.Length - _length)) > 0)
        {
            _length += read;
            if (_length == _text.Length) Array.Resize(ref _text, _text.Length * 2);
        }
        Split();
        _part = 0;
        _at = _parts.Count > 0 ? _parts[0].Start : 0;
        if (_inSmart)
        {
            _smartWords.Dispose();
            _inSmart = false;
        }
        _finalOffset = CorrectOffset(_length);
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _inSmart)
        {
            _smartWords.Dispose();
            _inSmart = false;
        }
        base.Dispose(disposing);
    }

    // The text as parts: each classical run, and the modern text between them (whole).
    private void Split()
    {
        _parts.Clear();
        if (_classical is null)
        {
            if (_length > 0) _parts.Add((0, _length, false));
            return;
        }
        var modernFrom = 0;
        var runStart = -1;
        var han = 0;
        for (var i = 0; i <= _length;)
        {
            var width = 1;
            var inRun = false;
            var isHan = false;
            if (i < _length)
            {
                Rune.DecodeFromUtf16(_text.AsSpan(i, _length - i), out var r, out width);
                isHan = Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter;
                inRun = isHan || LayoutGaps.IsGapChar(r.Value);
            }
            if (inRun)
            {
                if (runStart < 0) { runStart = i; han = 0; }
                if (isHan) han++;
            }
            else if (runStart >= 0)
            {
                if (han >= ClassicalRun)
                {
                    if (runStart > modernFrom) _parts.Add((modernFrom, runStart, false));
                    _parts.Add((runStart, i, true));
                    modernFrom = i;
                }
                runStart = -1;
            }
            i += width;
        }
        if (_length > modernFrom) _parts.Add((modernFrom, _length, false));
    }
}
