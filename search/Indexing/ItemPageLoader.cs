using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Search.Indexing;

/// <summary>
/// Reads what the index needs of an item's pages from its OCFL object: the transcription
/// (<c>text/pNNN.txt</c>) with the boxes of the aligned transcription (<c>text/pNNN.hocr</c>), or, for a
/// page with no transcription, the raw OCR (<c>ocr/pNNN.hocr</c>) as text and boxes.
/// </summary>
public sealed class ItemPageLoader(OcflRepository ocfl, ILogger logger)
{
    public async Task<IReadOnlyList<PageSource>> LoadAsync(Item item, int? version, CancellationToken ct)
    {
        var pages = new List<PageSource>(item.Pages.Count);
        foreach (var page in item.Pages)
        {
            ct.ThrowIfCancellationRequested();
            var text = PageText.Empty;
            IReadOnlyList<CharBox> boxes = [];
            if (page.Transcription is not null)
            {
                text = PageText.FromTranscription(await ReadAsync(item.Id, page.Transcription, version, ct));
                if (page.TextBoxes is not null)
                {
                    boxes = await ReadBoxesAsync(item.Id, page.TextBoxes, version, ct);
                    if (boxes.Count != text.InkCount)
                    {
                        // The aligned hOCR has one box per inked character; anything else would put boxes on the wrong characters.
                        SearchLog.BoxCountMismatch(logger, item.Id, page.Name, boxes.Count, text.InkCount);
                        boxes = [];
                    }
                }
            }
            else if (page.Ocr is not null)
            {
                var ocr = Hocr.Parse(await ReadAsync(item.Id, page.Ocr, version, ct));
                text = PageText.FromOcr(ocr);
                boxes = PageBoxes.FromOcr(ocr);
            }
            pages.Add(new PageSource(page, text, boxes));
        }
        return pages;
    }

    private async Task<IReadOnlyList<CharBox>> ReadBoxesAsync(string itemId, string path, int? version, CancellationToken ct) =>
        PageBoxes.FromOcr(Hocr.Parse(await ReadAsync(itemId, path, version, ct)));

    private Task<string> ReadAsync(string itemId, string path, int? version, CancellationToken ct) => ocfl.ReadTextAsync(itemId, path, version, ct);
}
