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
    /// keeps its written form in a stored-only field of the same name. Fresh field instances: the document may be kept
    /// (the writer instead fills one <see cref="FieldSet"/> per thread, <see cref="SearchIndexWriter.AddItem"/>).
    /// </summary>
    /// <param name="next">The item's next page, whose text this page's may flow onto (<see cref="Analysis.PageJoin"/>).</param>
    /// <param name="folding">The index's folding table (default: <see cref="FoldingTable.Default"/>).</param>
    public static Document Build(Item item, int version, PageSource source, PageSource? next = null, FoldingTable? folding = null) =>
        new FieldSet(folding ?? FoldingTable.Default).Fill(item, version, source, next);

    /// <summary>
    /// One set of the page document's field instances, filled anew for each page: Lucene consumes a document before it
    /// asks for the next, and a field instance that is reused keeps its token stream (a new <c>StringField</c> or
    /// <c>Int32Field</c> builds one per document, its attributes looked up under a lock the indexing threads share). The
    /// item's own values (its folded catalogue texts, facets, dynasty) are computed once per item, not per page. Not
    /// thread-safe, and each <see cref="Fill"/> reuses the instances of the document before: one set per indexing thread,
    /// each document added before the next is filled.
    /// </summary>
    public sealed class FieldSet(FoldingTable folding)
    {
        private readonly StringField _key = new(SearchFields.Key, "", Field.Store.YES);
        private readonly StringField _item = new(SearchFields.Item, "", Field.Store.YES);
        private readonly SortedDocValuesField _itemValue = new(SearchFields.Item, new BytesRef());
        private readonly StringField _itemVersion = new(SearchFields.ItemVersion, "", Field.Store.NO);
        private readonly StoredField _page = new(SearchFields.Page, 0);
        private readonly NumericDocValuesField _pageValue = new(SearchFields.Page, 0L);
        private readonly StoredField _label = new(SearchFields.Label, "");
        private readonly StoredField _text = new(SearchFields.Text, "");
        private readonly TextField _textFolded = new(SearchFields.Text, "", Field.Store.NO);
        private readonly Field _trigrams = new(SearchFields.Trigrams, "", TrigramsType);
        private readonly Field _words = new(SearchFields.Words, "", WordsType);
        private readonly StoredField _titleEn = new(SearchFields.TitleEn, "");
        private readonly (StoredField Stored, TextField Folded)[] _catalogue =
            [.. new[] { SearchFields.Title, SearchFields.Creator, SearchFields.Place, SearchFields.DateAsWritten }
                .Select(name => (new StoredField(name, ""), new TextField(name, "", Field.Store.NO)))];
        private readonly Field _gaps = new(SearchFields.TextGaps, "", WindowType);
        private readonly StoredField _nextWindow = new(SearchFields.NextWindow, "");
        private readonly Field _nextWindowFolded = new(SearchFields.NextWindow, "", WindowType);
        private readonly StoredField _nextSplit = new(SearchFields.NextSplit, 0);
        private readonly StoredField _nextTailAt = new(SearchFields.NextTailAt, 0);
        private readonly StoredField _nextHeadAt = new(SearchFields.NextHeadAt, 0);
        private readonly StoredField _nextPage = new(SearchFields.NextPage, 0);
        private readonly StoredField _boxes = new(SearchFields.Boxes, Array.Empty<byte>());
        private readonly StoredField _width = new(SearchFields.Width, 0);
        private readonly StoredField _height = new(SearchFields.Height, 0);
        private readonly Int32Field _yearStart = new(SearchFields.YearStart, 0, Field.Store.YES);
        private readonly Int32Field _yearEnd = new(SearchFields.YearEnd, 0, Field.Store.YES);
        private readonly NumericDocValuesField _yearSort = new(SearchFields.YearSort, 0L);
        private readonly Dictionary<string, (StringField Term, SortedDocValuesField Value)> _facets = new(StringComparer.Ordinal);
        // The three n-gram fields of a text of nothing but ideographs and layout, read in one pass each (Analysis.HanGrams).
        private readonly Analysis.HanGrams _textGrams = new(Analysis.HanGrams.Kind.UnigramsAndBigrams);
        private readonly Analysis.HanGrams _trigramGrams = new(Analysis.HanGrams.Kind.Trigrams);
        private readonly Analysis.HanGrams _gapGrams = new(Analysis.HanGrams.Kind.Bigrams);

        // The item the cached values below belong to (the pages of an item come one after another).
        private Item? _lastItem;
        private string[] _catalogueWritten = [];
        private string[] _catalogueFolded = [];
        private string? _dynasty;

        public FoldingTable Folding { get; } = folding;

        /// <summary>The page's document (see <see cref="Build"/>), in this set's field instances.</summary>
        public Document Fill(Item item, int version, PageSource source, PageSource? next = null)
        {
            if (!ReferenceEquals(item, _lastItem))
            {
                // In the order of _catalogue's field names.
                _catalogueWritten = [item.TitleZh, item.Creator, item.Place, item.Date.AsWritten];
                _catalogueFolded = [.. _catalogueWritten.Select(Folding.Fold)];
                _dynasty = item.Date.StartYear is int year ? DynastyOf(year) : null;
                _lastItem = item;
            }
            var text = source.Text.Text;
            var folded = Folding.Fold(text);
            var doc = new Document();
            doc.Add(Set(_key, KeyOf(item.Id, source.Page.Order)));
            doc.Add(Set(_item, item.Id));
            doc.Add(Set(_itemValue, item.Id));
            doc.Add(Set(_itemVersion, ItemVersionOf(item.Id, version)));
            doc.Add(Set(_page, source.Page.Order));
            _pageValue.SetInt64Value(source.Page.Order);
            doc.Add(_pageValue);
            doc.Add(Set(_label, source.Page.Label));
            doc.Add(Set(_text, text));
            // A page of ideographs and layout only (a classical page) has its n-grams read without the analyser's chain: the
            // same tokens (Analysis.HanGrams); any other page is analysed.
            var plain = Analysis.HanGrams.Accepts(folded);
            doc.Add(Set(_textFolded, folded, plain ? _textGrams : null));
            doc.Add(Set(_trigrams, folded, plain ? _trigramGrams : null));
            doc.Add(Set(_words, folded));
            doc.Add(Set(_titleEn, item.TitleEn));
            // Catalogue fields, analysed (folded) and stored (as written). The date: so that an era name finds the items
            // whose date names it (乾隆 in 雍正九年（…乾隆間鈔）).
            for (var i = 0; i < _catalogue.Length; i++)
            {
                doc.Add(Set(_catalogue[i].Stored, _catalogueWritten[i]));
                doc.Add(Set(_catalogue[i].Folded, _catalogueFolded[i]));
            }
            if (Analysis.LayoutGaps.Bridged(folded) is { Length: > 0 } bridged) doc.Add(Set(_gaps, bridged, plain ? _gapGrams : null));
            if (next is not null && Analysis.PageJoin.Of(text, next.Text.Text, next.Page.Order) is { } join)
            {
                doc.Add(Set(_nextWindow, join.Window));
                doc.Add(Set(_nextWindowFolded, Folding.Fold(join.Window)));
                doc.Add(Set(_nextSplit, join.Split));
                doc.Add(Set(_nextTailAt, join.TailAt));
                doc.Add(Set(_nextHeadAt, join.HeadAt));
                doc.Add(Set(_nextPage, join.NextPage));
            }
            if (source.Boxes.Count > 0)
            {
                _boxes.SetBytesValue(PageBoxes.Pack(source.Boxes, source.Text));
                doc.Add(_boxes);
            }
            if (source.Page.Width > 0 && source.Page.Height > 0)
            {
                doc.Add(Set(_width, source.Page.Width));
                doc.Add(Set(_height, source.Page.Height));
            }
            if (item.Date.StartYear is int start)
            {
                var end = item.Date.EndYear ?? start;
                _yearStart.SetInt32Value(start);
                doc.Add(_yearStart);
                _yearEnd.SetInt32Value(end);
                doc.Add(_yearEnd);
                _yearSort.SetInt64Value(start);
                doc.Add(_yearSort);
                AddFacet(doc, SearchFields.Decade, DecadeOf(start));
                if (_dynasty is { } dynasty) AddFacet(doc, SearchFields.Dynasty, dynasty);
            }
            else
            {
                // Undated items sort after every dated one.
                _yearSort.SetInt64Value(int.MaxValue);
                doc.Add(_yearSort);
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

        private static Field Set(Field field, string value)
        {
            field.SetStringValue(value);
            return field;
        }

        /// <summary>An analysed field's text, and its tokens where they are read without the analyser (else null: analysed).</summary>
        private static Field Set(Field field, string value, Analysis.HanGrams? grams)
        {
            field.SetStringValue(value);
            field.SetTokenStream(grams?.SetText(value));
            return field;
        }

        /// <summary>A doc-values field's bytes: its own <see cref="BytesRef"/>, refilled (the writer copies them).</summary>
        private static Field Set(SortedDocValuesField field, string value)
        {
            field.GetBinaryValue().CopyChars(value);
            return field;
        }

        private static Field Set(Field field, int value)
        {
            field.SetInt32Value(value);
            return field;
        }

        private void AddFacet(Document doc, string field, string value)
        {
            if (!_facets.TryGetValue(field, out var pair))
                _facets[field] = pair = (new StringField(field, "", Field.Store.YES), new SortedDocValuesField(field, new BytesRef()));
            doc.Add(Set(pair.Term, value));
            doc.Add(Set(pair.Value, value));
        }
    }
}
