using System.Text;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// The ground-truth text of one page (a pNNN.txt): lines in reading order, each character with its
/// cell on the line, and the normalised sequence of inked characters that alignment compares with OCR.
/// </summary>
public sealed class Transcription
{
    private Transcription(IReadOnlyList<TranscriptionLine> lines)
    {
        Lines = lines;
        Characters = lines.SelectMany(l => l.InkChars).ToArray();
    }

    private int[]? _matchKeys;

    /// <summary>Every line of the file, empty ones included, so that indices match the file's lines.</summary>
    public IReadOnlyList<TranscriptionLine> Lines { get; }

    /// <summary>The characters that have ink, in reading order: what must each get a box on the page.</summary>
    public IReadOnlyList<TranscribedChar> Characters { get; }

    /// <summary>
    /// One match key per entry of <see cref="Characters"/> (see <see cref="MatchKey.Of"/>), computed when first asked for:
    /// only alignment needs them, and the search indexer parses every transcription without aligning it.
    /// </summary>
    public IReadOnlyList<int> MatchKeys => _matchKeys ??= Characters.Select(c => MatchKey.Of(c.Text)).ToArray();

    /// <summary>Parses the text of a pNNN.txt.</summary>
    public static Transcription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // A final line break does not start another line.
        var count = raw.Length > 0 && raw[^1].Length == 0 ? raw.Length - 1 : raw.Length;
        var lines = new TranscriptionLine[count];
        for (var i = 0; i < count; i++) lines[i] = TranscriptionLineParser.Parse(i, raw[i]);
        return new Transcription(lines);
    }

    /// <summary>Reads and parses a UTF-8 pNNN.txt file.</summary>
    public static Transcription Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));
}
