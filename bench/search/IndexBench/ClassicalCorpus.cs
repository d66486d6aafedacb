using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Search.Indexing;

/// <summary>
/// Unpunctuated classical text like a gazetteer's: the sample collection's rare-book transcriptions (rb*) as page texts
/// (columns joined, double-line notes between 〔 〕, layout blanks kept), punctuation removed, joined into one stream;
/// each page is spans of 60–240 characters taken from random places in that stream until it holds 640–760 characters
/// (about 700), so pages are long runs without punctuation. Items of 8 pages (<see cref="Corpus.Items(IReadOnlyList{Item}, int, int, string, Func{Random, string}, Func{Item, int, bool})"/>) take the catalogue metadata of a random
/// rare-book item. Deterministic for a seed.
/// </summary>
internal sealed class ClassicalCorpus
{
    private readonly string _stream;
    private readonly List<Item> _templates = [];
    private readonly int _seed;

    public ClassicalCorpus(string sampleFolder, int seed)
    {
        _seed = seed;
        var (items, _) = SampleCollectionReader.Read(sampleFolder);
        var sb = new StringBuilder();
        foreach (var src in items.Where(i => i.Item.Collection == CollectionKind.RareBook))
        {
            _templates.Add(src.Item with { Pages = [] });
            foreach (var p in src.Pages.Where(p => p.TranscriptionPath is not null))
            {
                foreach (var r in PageText.FromTranscription(File.ReadAllText(p.TranscriptionPath!)).Text.EnumerateRunes())
                {
                    // Note brackets are layout (a double-line note), not punctuation: they stay, as blanks do.
                    var punctuation = Rune.IsPunctuation(r) && r.Value is not ('〔' or '〕');
                    if (!punctuation && r.Value != '\n') sb.Append(r.ToString());
                }
            }
        }
        _stream = sb.ToString();
    }

    /// <summary>Characters of source text the pages are cut from.</summary>
    public int SourceLength => _stream.Length;

    public IEnumerable<ItemBatch> Items(int pages) => Corpus.Items(_templates, pages, _seed, "CLS", PageOfText);

    private string PageOfText(Random r)
    {
        var target = r.Next(640, 761);
        var sb = new StringBuilder(target + 240);
        while (sb.Length < target)
        {
            var len = r.Next(60, 241);
            var start = r.Next(_stream.Length - len);
            // Never cut a surrogate pair.
            if (char.IsLowSurrogate(_stream[start])) start++;
            var end = start + len;
            if (end < _stream.Length && char.IsLowSurrogate(_stream[end])) end++;
            sb.Append(_stream, start, end - start);
        }
        var cut = target;
        if (char.IsHighSurrogate(sb[cut - 1])) cut++;
        return sb.ToString(0, Math.Min(cut, sb.Length)).Trim();
    }
}
