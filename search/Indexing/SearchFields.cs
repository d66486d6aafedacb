namespace QyHeritage.Search.Indexing;

/// <summary>Field names of the page documents. One document per page; every page carries its item's metadata.</summary>
public static class SearchFields
{
    /// <summary>"QY-RB-001#0003": unique per page document.</summary>
    public const string Key = "key";
    public const string Item = "item";
    /// <summary>"QY-RB-001\t3": which OCFL version of an item the index holds (terms only, for catch-up).</summary>
    public const string ItemVersion = "item_version";
    public const string Page = "page";
    public const string Label = "label";
    /// <summary>The page image's size in pixels (stored only; absent for text-only pages): the frame of the hit boxes.</summary>
    public const string Width = "width";
    public const string Height = "height";
    /// <summary>The page text (<see cref="PageText.Text"/>): analysed for search, stored for snippets.</summary>
    public const string Text = "text";
    /// <summary>
    /// The page text's Han trigrams (<see cref="Analysis.HanTrigramFilter"/>), folded, with positions; not stored. A search
    /// for three or more adjacent characters runs on them (<see cref="Analysis.ContainsQueryBuilder"/>): the same pages as
    /// the bigram phrase, from far rarer terms.
    /// </summary>
    public const string Trigrams = "text3";
    /// <summary>
    /// The page text's SmartCn words (<see cref="Analysis.WordAnalyzer"/>), folded; indexed with frequencies only, not
    /// stored. Adds score to whole-word matches and feeds autocomplete; never decides which pages match.
    /// </summary>
    public const string Words = "words";
    /// <summary>
    /// The Han text around each layout gap (a blank in a column, a note bracket) joined without it
    /// (<see cref="Analysis.LayoutGaps"/>), analysed like the text, not stored: a string printed across one gap is found.
    /// </summary>
    public const string TextGaps = "text_gap";
    /// <summary>
    /// Where the text flows onto the next page (<see cref="Analysis.PageJoin"/>): the window (this page's last Han characters
    /// joined to the next page's first), analysed and stored; with where it splits, where it starts on each page, and the
    /// next page's number (stored only).
    /// </summary>
    public const string NextWindow = "next_window";
    public const string NextSplit = "next_split";
    public const string NextTailAt = "next_tail_at";
    public const string NextHeadAt = "next_head_at";
    public const string NextPage = "next_page";
    public const string Title = "title";
    public const string TitleEn = "title_en";
    public const string Creator = "creator";
    public const string Place = "place";
    public const string YearStart = "year_start";
    public const string YearEnd = "year_end";
    /// <summary>The start year (or <see cref="int.MaxValue"/> when unknown) as doc values, for sorting by date.</summary>
    public const string YearSort = "year_sort";
    /// <summary>The item's date as written (雍正九年), analysed like the text and stored: an era name searches it.</summary>
    public const string DateAsWritten = "date_written";
    /// <summary>Character boxes of the page text (<see cref="PageBoxes"/>), stored only.</summary>
    public const string Boxes = "boxes";

    // Facets: exact values, indexed for filters and as sorted doc values for counting.
    public const string Collection = "collection";
    public const string Decade = "decade";
    /// <summary>The dynasty or regime of the start year (清, 中华民国), from the archive's reign tables.</summary>
    public const string Dynasty = "dynasty";
    public const string PlaceFacet = "place_facet";
    public const string Script = "script";
    public const string ItemType = "type";
    /// <summary>
    /// How a page's text was read: <see cref="PageDocuments.NeedsTranscription"/> on a page with no transcription whose OCR is
    /// too weak to stand for its text (its OCR text is still searched, as low-confidence text); absent otherwise.
    /// </summary>
    public const string Reading = "reading";

    /// <summary>The name a facet has in the API (<c>place</c> for <see cref="PlaceFacet"/>; the others as they are).</summary>
    public static string ApiName(string facet) => facet == PlaceFacet ? "place" : facet;

    /// <summary>The facet fields, in the order the API lists them.</summary>
    public static IReadOnlyList<string> Facets { get; } = [Collection, Dynasty, Decade, PlaceFacet, Script, ItemType, Reading];
}
