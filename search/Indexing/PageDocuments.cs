using Lucene.Net.Documents;
using Lucene.Net.Util;
using QyHeritage.Archive.Domain;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Indexing;

/// <summary>Builds the Lucene document of one page: the page text, its boxes and its item's catalogue metadata.</summary>
public static class PageDocuments
{
    /// <summary>Reading facet value of a page searched only through weak OCR: it wants a transcription.</summary>
    public const string NeedsTranscription = "needs-transcription";

    /// <summary>Item type facet value of items whose pages have images.</summary>
    public const string TypePageImages = "page-images";

    /// <summary>Item type facet value of transcribed records without images (清远文史资料).</summary>
    public const string TypeTextOnly = "text-only";

    public static string KeyOf(string itemId, int page) => $"{itemId}#{page:D4}";

    public static string ItemVersionOf(string itemId, int version) => $"{itemId}\t{version}";

    /// <summary>The decade facet value of a year: "1920" for 1927, "-0110" for 103 BCE (years before 1 sort first).</summary>
    public static string DecadeOf(int year) => (year >= 0 ? year / 10 * 10 : -((-year + 9) / 10 * 10)).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The dynasty of a year in the standard sequence (正統) of the archive's reign tables, in simplified
    /// characters; where two overlap (明 and 清 in 1636–1644, 唐 and 武周) the later-founded one; null after 1949.
    /// </summary>
    public static string? DynastyOf(int year) =>
        QyHeritage.Archive.Dates.ReignTable.Dynasties
            .Where(d => d.Main && d.FirstYear <= year && year <= d.LastYear)
            .OrderByDescending(d => d.FirstYear)
            .FirstOrDefault()?.Simplified;

    public static string ScriptOf(Item item) => item.Script == Script.Simplified ? "simplified" : "traditional";

    public static string TypeOf(Item item) => item.Pages.Any(p => p.Master is not null) ? TypePageImages : TypeTextOnly;

    /// <summary>Words: frequencies for scoring, no positions (no phrase is ever asked of them), not stored.</summary>
    private static readonly FieldType WordsType = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS });

    /// <summary>
    /// Trigrams: frequencies for scoring, no positions (since <c>qy-search-9</c>). A string of four characters or more asks
    /// for all its trigrams and checks their order with the bigram phrase of <see cref="SearchFields.Text"/>
    /// (<see cref="Analysis.TrigramsInOrderQuery"/>); positions were 40 % of the field.
    /// </summary>
    private static readonly FieldType TrigramsType = WordsType;

    /// <summary>
    /// The gap and page-break windows: positions for their phrases, no norms (they are only ever constant-scored, so
    /// their length never counts).
    /// </summary>
    private static readonly FieldType WindowType = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { OmitNorms = true });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>
    /// The page's document. Analysed fields carry their text folded (<paramref name="folding"/>, once per page rather than
    /// once per field): the writer's analysers fold nothing (<see cref="SearchIndex.IndexingAnalyzer"/>). A stored text
    /// keeps its written form in a stored-only field of the same name.
    /// </summary>
    /// <param name="next">The item's next page, whose text this page's may flow onto (<see cref="Analysis.PageJoin"/>).</param>
    /// <param name="folding">The index's folding table (default: <see cref="FoldingTable.Default"/>).</param>
    public static Document Build(Item item, int version, PageSource source, PageSource? next = null, FoldingTable? folding = null)
    {
        folding ??= FoldingTable.Default;
        var text = source.Text.Text;
        var folded = folding.Fold(text);
        var doc = new Document
        {
            new StringField(SearchFields.Key, KeyOf(item.Id, source.Page.Order), Field.Store.YES),
            new StringField(SearchFields.Item, item.Id, Field.Store.YES),
            new SortedDocValuesField(SearchFields.Item, new BytesRef(item.Id)),
            new StringField(SearchFields.ItemVersion, ItemVersionOf(item.Id, version), Field.Store.NO),
            new StoredField(SearchFields.Page, source.Page.Order),
            new NumericDocValuesField(SearchFields.Page, source.Page.Order),
            new StoredField(SearchFields.Label, source.Page.Label),
            new StoredField(SearchFields.Text, text),
            new TextField(SearchFields.Text, folded, Field.Store.NO),
            new Field(SearchFields.Trigrams, folded, TrigramsType),
            new Field(SearchFields.Words, folded, WordsType),
            new StoredField(SearchFields.TitleEn, item.TitleEn),
        };
        // Catalogue fields, analysed (folded) and stored (as written). The date: so that an era name finds the items whose
        // date names it (乾隆 in 雍正九年（…乾隆間鈔）).
        foreach (var (name, value) in new[] { (SearchFields.Title, item.TitleZh), (SearchFields.Creator, item.Creator), (SearchFields.Place, item.Place), (SearchFields.DateAsWritten, item.Date.AsWritten) })
            AddText(doc, name, value, folding);
        if (Analysis.LayoutGaps.Bridged(folded) is { Length: > 0 } bridged) doc.Add(new Field(SearchFields.TextGaps, bridged, WindowType));
        if (next is not null && Analysis.PageJoin.Of(text, next.Text.Text, next.Page.Order) is { } join)
        {
            doc.Add(new StoredField(SearchFields.NextWindow, join.Window));
            doc.Add(new Field(SearchFields.NextWindow, folding.Fold(join.Window), WindowType));
            doc.Add(new StoredField(SearchFields.NextSplit, join.Split));
            doc.Add(new StoredField(SearchFields.NextTailAt, join.TailAt));
            doc.Add(new StoredField(SearchFields.NextHeadAt, join.HeadAt));
            doc.Add(new StoredField(SearchFields.NextPage, join.NextPage));
        }
        if (source.Boxes.Count > 0) doc.Add(new StoredField(SearchFields.Boxes, PageBoxes.Pack(source.Boxes, source.Text)));
        if (source.Page.Width > 0 && source.Page.Height > 0)
        {
            doc.Add(new StoredField(SearchFields.Width, source.Page.Width));
            doc.Add(new StoredField(SearchFields.Height, source.Page.Height));
        }
        if (item.Date.StartYear is int start)
        {
            var end = item.Date.EndYear ?? start;
            doc.Add(new Int32Field(SearchFields.YearStart, start, Field.Store.YES));
            doc.Add(new Int32Field(SearchFields.YearEnd, end, Field.Store.YES));
            doc.Add(new NumericDocValuesField(SearchFields.YearSort, start));
            AddFacet(doc, SearchFields.Decade, DecadeOf(start));
            if (DynastyOf(start) is { } dynasty) AddFacet(doc, SearchFields.Dynasty, dynasty);
        }
        else
        {
            // Undated items sort after every dated one.
            doc.Add(new NumericDocValuesField(SearchFields.YearSort, int.MaxValue));
        }
        AddFacet(doc, SearchFields.Collection, item.Collection.Code());
        if (item.Place.Length > 0) AddFacet(doc, SearchFields.PlaceFacet, item.Place);
        AddFacet(doc, SearchFields.Script, ScriptOf(item));
        AddFacet(doc, SearchFields.ItemType, TypeOf(item));
        // A transcription is the text of record wherever there is one; only a page without one is searched through its
        // OCR, and when that OCR is weak the page says so.
        if (source.Page.NeedsTranscription && source.Page.Transcription is null) AddFacet(doc, SearchFields.Reading, NeedsTranscription);
        return doc;
    }

    private static void AddText(Document doc, string field, string value, FoldingTable folding)
    {
        doc.Add(new StoredField(field, value));
        doc.Add(new TextField(field, folding.Fold(value), Field.Store.NO));
    }

    private static void AddFacet(Document doc, string field, string value)
    {
        doc.Add(new StringField(field, value, Field.Store.YES));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }
}
