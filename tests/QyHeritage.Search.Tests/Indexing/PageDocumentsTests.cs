using QyHeritage.Archive.Domain;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Indexing;

public sealed class PageDocumentsTests
{
    [Theory]
    [InlineData(1731, "清")]
    [InlineData(1927, "中华民国")]
    [InlineData(980, "北宋")]
    [InlineData(1532, "明")]
    [InlineData(700, "武周")]
    [InlineData(1640, "清")]
    public void The_dynasty_facet_comes_from_the_reign_tables(int year, string dynasty) => Assert.Equal(dynasty, PageDocuments.DynastyOf(year));

    [Fact]
    public void No_dynasty_after_the_Republic() => Assert.Null(PageDocuments.DynastyOf(2019));

    [Theory]
    [InlineData(1927, "1920")]
    [InlineData(590, "0590")]
    [InlineData(-103, "-0110")]
    public void Decades(int year, string decade) => Assert.Equal(decade, PageDocuments.DecadeOf(year));
}

public sealed class ReusedPageFieldsTests
{
    /// <summary>
    /// The writer fills one set of field instances per thread, page after page (<see cref="PageDocuments.FieldSet"/>):
    /// every page's document must still be exactly the one built fresh — no value, field or option left over from the
    /// page or item before (a dated item after an undated one, a page with a layout gap, boxes or a next page after one
    /// without).
    /// </summary>
    [Fact]
    public void Each_page_filled_into_reused_fields_is_the_document_built_fresh()
    {
        static Item ItemOf(string id, string title, string place, int? year, params Page[] pages) => new()
        {
            Id = id, Collection = CollectionKind.LocalHistory, TitleZh = title, TitleEn = title == "" ? "" : "Gazetteer", Place = place,
            Script = Script.Traditional, Pages = pages,
            Date = year is int y ? new ItemDate($"{y}年", $"{y}", y, y + 3, false) : new ItemDate("", "", null, null, false),
        };
        static PageSource PageOf(int order, string transcription, bool boxes)
        {
            var text = PageText.FromTranscription(transcription);
            var page = new Page { Order = order, Label = $"{order}", Transcription = $"text/p{order:D3}.txt", Width = boxes ? 1000 : 0, Height = boxes ? 1500 : 0 };
            return new PageSource(page, text, boxes ? [.. Enumerable.Range(0, text.InkCount).Select(i => new CharBox(0, new QyHeritage.Archive.Ocr.Box(100, 10 + 30 * i, 28, 28)))] : []);
        }
        var a = new[] { PageOf(1, "清遠縣志卷一\n蘇 軾書北江之水", true), PageOf(2, "北江之水〔注文〕出英德", false), PageOf(3, "Latin 1927年 text", true) };
        var b = new[] { PageOf(1, "乾隆十年重修", false), PageOf(2, "英德縣志", true) };
        var items = new[]
        {
            (ItemOf("T-1", "清遠縣志", "清远", 1731, [.. a.Select(p => p.Page)]), a),
            (ItemOf("T-2", "", "", null, [.. b.Select(p => p.Page)]), b),
            (ItemOf("T-3", "英德縣志", "英德", 1927, [.. a.Select(p => p.Page)]), a),
        };
        var reused = new PageDocuments.FieldSet(QyHeritage.Search.Folding.FoldingTable.Default);
        var filled = 0;
        foreach (var (item, pages) in items)
            for (var i = 0; i < pages.Length; i++)
            {
                var next = i + 1 < pages.Length ? pages[i + 1] : null;
                Assert.Equal(Describe(PageDocuments.Build(item, 2, pages[i], next)), Describe(reused.Fill(item, 2, pages[i], next)));
                filled++;
            }
        Assert.Equal(8, filled);
    }

    private static List<string> Describe(Lucene.Net.Documents.Document doc) =>
        [.. doc.Fields.Select(f =>
        {
            var t = f.IndexableFieldType;
            var bytes = f.GetBinaryValue() is { } b ? Convert.ToHexString(b.Bytes, b.Offset, b.Length) : "";
            return $"{f.Name}|{t.IsIndexed}|{t.IsTokenized}|{t.IsStored}|{t.IndexOptions}|{t.OmitNorms}|{t.DocValueType}|{f.NumericType}|{f.GetStringValue()}|{f.GetInt32Value()}|{f.GetInt64Value()}|{bytes}";
        })];
}
