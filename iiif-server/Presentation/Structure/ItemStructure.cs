using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.Presentation.Model;
using Range = QyHeritage.Iiif.Presentation.Model.Range;

namespace QyHeritage.Iiif.Presentation.Structure;

/// <summary>
/// The <c>structures</c> of a Manifest (https://iiif.io/api/presentation/3.0/#structures) from what the
/// catalogue and the texts know: the 卷 and section a title names, the section headings of a text, the
/// articles of a newspaper page. One top Range for the work (its 卷, or its title), holding the pages
/// before the first heading and a Range per heading; null when nothing is known, so no empty table of
/// contents is sent. A heading part-way down a page shares that page with the section before it.
/// </summary>
public static class ItemStructure
{
    public static IReadOnlyList<Range>? Ranges(Item item, IReadOnlyList<Page> canvases, IReadOnlyDictionary<string, string> pageText, PresentationUrls urls)
    {
        if (canvases.Count == 0) return null;
        var zh = LanguageTags.Chinese(item.Script);
        var newspaper = item.Collection == CollectionKind.Newspaper;
        var headings = canvases
            .SelectMany(p => pageText.TryGetValue(p.Name, out var text) ? newspaper ? Headings.Articles(p.Order, text) : Headings.Sections(p.Order, text) : [])
            .ToList();
        var juan = JuanTitle.Read(item.TitleZh, item.TitleEn);
        if (juan is null && headings.Count == 0) return null;

        string Id(string path) => urls.Range(item.Id, path);
        Canvas CanvasRef(Page p) => new() { Id = urls.Canvas(item.Id, p.Name) };
        // A newspaper's masthead is no article: its page is listed only under the articles.
        var parts = Sections(canvases, headings, CanvasRef, (h, i) => new Range
        {
            Id = Id($"r0-{i}"),
            Label = LanguageMap.Of((zh, h.Label)),
        }, leadingPages: !newspaper);

        if (juan is null)
            return [new Range { Id = Id("r0"), Label = ManifestBuilder.Title(item), Items = parts }];
        // 卷 → its section (the rest of the title) → the headings within.
        var section = new Range
        {
            Id = Id("r0-s"),
            Label = LanguageMap.Of((zh, juan.Section), (LanguageMap.English, juan.SectionEn)) ?? ManifestBuilder.Title(item),
            Items = parts,
        };
        return
        [
            new Range
            {
                Id = Id("r0"),
                Label = LanguageMap.Of((zh, $"{juan.Work} {juan.Juan}"), (LanguageMap.English, string.Create(CultureInfo.InvariantCulture, $"Juan {juan.Number}")))!,
                Items = [section],
            },
        ];
    }

    private static List<Resource> Sections(IReadOnlyList<Page> canvases, List<Heading> headings, Func<Page, Canvas> canvasRef, Func<Heading, int, Range> range, bool leadingPages)
    {
        var items = new List<Resource>();
        var orders = canvases.Select(p => p.Order).ToList();
        var first = headings.Count == 0 ? int.MaxValue : headings[0].PageOrder;
        if (leadingPages)
            items.AddRange(canvases.Where(p => p.Order < first || (p.Order == first && headings[0].Line > 0)).Select(canvasRef));
        for (var i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            // To the page where the next heading stands (or the one before it, when that heading opens its page).
            var last = i + 1 < headings.Count
                ? headings[i + 1].Line > 0 || headings[i + 1].PageOrder == h.PageOrder ? headings[i + 1].PageOrder : orders.Last(o => o < headings[i + 1].PageOrder)
                : orders[^1];
            items.Add(range(h, i) with { Items = canvases.Where(p => p.Order >= h.PageOrder && p.Order <= last).Select(canvasRef).ToList() });
        }
        return items;
    }
}
