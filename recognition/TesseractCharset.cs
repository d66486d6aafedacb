using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;

namespace QyHeritage.Recognition;

/// <summary>
/// The characters a tesseract LSTM model can write, read from its .traineddata file: where tesseract and PP-OCR
/// disagree, a character outside one model's set is one that model could never have read (<see cref="CellVote"/>).
/// </summary>
internal static class TesseractCharset
{
    /// <summary>Index of the LSTM unicharset among a traineddata file's components (tesseract's TESSDATA_LSTM_UNICHARSET).</summary>
    private const int LstmUnicharset = 21;

    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> Cache = new(StringComparer.Ordinal);

    /// <summary>Folders tesseract looks in on Debian, after TESSDATA_PREFIX.</summary>
    private static IEnumerable<string> Folders()
    {
        if (Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is { Length: > 0 } prefix) { yield return prefix; yield return Path.Combine(prefix, "tessdata"); }
        yield return "/usr/share/tesseract-ocr/5/tessdata";
        yield return "/usr/share/tesseract-ocr/4.00/tessdata";
    }

    /// <summary>The character set of an installed model, or an empty set when it cannot be found or read.</summary>
    public static IReadOnlySet<string> Of(string language) => Cache.GetOrAdd(language, l =>
    {
        var file = Folders().Select(f => Path.Combine(f, l + ".traineddata")).FirstOrDefault(File.Exists);
        if (file is null) return new HashSet<string>();
        try { return Read(File.ReadAllBytes(file)); }
        catch (InvalidDataException) { return new HashSet<string>(); }
    });

    /// <summary>
    /// A traineddata file is a count, one little-endian 64-bit offset per component (−1: absent), then the components.
    /// A unicharset is text: a count line, then one line per character starting with the character and a space.
    /// </summary>
    internal static HashSet<string> Read(byte[] data)
    {
        if (data.Length < 4) throw new InvalidDataException("traineddata too short");
        var count = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (count <= LstmUnicharset || count > 100 || data.Length < 4 + 8 * count) throw new InvalidDataException("no LSTM unicharset in traineddata");
        var offsets = Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(4 + 8 * i))).ToArray();
        var start = offsets[LstmUnicharset];
        if (start < 0 || start >= data.Length) throw new InvalidDataException("no LSTM unicharset in traineddata");
        var end = offsets.Where(o => o > start).DefaultIfEmpty(data.Length).Min();
        var text = Encoding.UTF8.GetString(data, (int)start, (int)(end - start));
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Skip(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0) set.Add(line[..space]);
        }
        return set;
    }
}
