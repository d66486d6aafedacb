using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The ingest's OCR step: <see cref="TesseractOcr"/> with the profile the item's catalogue entry chooses. Make one per
/// ingest and dispose it when the ingest is done: that releases the models it loaded (<see cref="RecognitionModels"/>),
/// unless they were handed in, in which case their giver does.
/// </summary>
public sealed class PageRecogniser(ILoggerFactory loggers, TesseractOcrOptions? options = null, RecognitionModels? models = null) : IPageRecogniser, IDisposable
{
    private readonly TesseractOcr _ocr = new(loggers.CreateLogger<TesseractOcr>(), options, models);

    /// <summary>Bump when recognition changes in a way that should redo the pages ingest has cached (ocr-2: agreed cells take PP-OCR's box;
    /// ocr-3: black-ruled pages by their rules and grid, confidence as the readers' agreement; ocr-4: double-line notes of ruled pages
    /// found row by row, neighbours' slivers and rule remains cleared from each column; ocr-5: cells of ruled pages read only as
    /// punctuation or letters dropped as no characters, each column's cells cut by its own run of the pitch; ocr-6: short note runs
    /// judged by PP-OCR both ways, tesseract in cells PP-OCR read nothing in, simplified forms left by the vote written traditional,
    /// PP-OCR alone below 60 % agreement; ocr-7: the leaf number of the 版心 read, the page's folio in the hOCR; unruled vertical pages askew by half a degree or more straightened;
    /// ocr-8: where PP-OCR reads a traditional page alone, its next choices weighed with the library's traditional texts; 吕 kept as read;
    /// ocr-9: tiers cut at rules across every vertical page, touching columns of small type split by the tier's column pitch and cut into cells by its character grid, small type enlarged up to fourfold;
    /// ocr-10: small type inked again and read from the grey page with its paper flattened, its punctuation kept as cells; a title or headline
    /// column cut by its own pitch; a masthead and its subtitle read line by line, a subtitle of small type inking its page again;
    /// ocr-11: on a ruled page, rows judged main text between two notes (two characters or more, or a row or two within a passage of notes) that nothing crosses as main text does are read as notes;
    /// ocr-13: a row or two between long notes taken as notes by its crossing rows counted one by one (堯 beside 語); a note run after main text read by PP-OCR with its head as a main-text cell too,
    /// down to below ink crossing its dividing line (功) or one pitch (時), where that reads surer);
    /// ocr-14: on a ruled page, where the pitch grid must cut through strokes a column's cells follow its ink (a short character its own cell, two squeezed
    /// characters cut apart), a lone note run on the column's axis is main text, and isolated dots far smaller than a stroke are cleared from main text;
    /// ocr-16: in small type a comma below its character and in its right half cut into a cell of its own, a mark's cell read ， or 。 by its shape;
    /// ocr-17: a tier's column pitch from the page's tiers together where its own is none or a multiple of theirs (a magazine's first tier with its title);
    /// marks of punctuation in body type cut into cells of their own; horizontal lines of vertical pages read by PP-OCR too; modern type written in the
    /// standard traditional forms (沒 黃 內); worn column rules judged against the frame's height, a space twice the pitch cut at its worn rule;
    /// a ruled page's columns taken on to frame lines beyond the frame found, a rule's dashes at a column's edge cleared as residue;
    /// ocr-18: a space n column pitches wide cut at each worn rule, no column beyond a double border; tesseract's sure reading of a character PP-OCR
    /// cannot write, or of one of its next choices, taken where PP-OCR is unsure on a page where tesseract's sure readings are borne out;
    /// ocr-19: a full stop whose hole closed at the ink threshold told from a comma by its faint darkest pixel;
    /// ocr-20: on modern type an unsure cell takes the next choice that forms a better word with its neighbours, worn rules cleared along their
    /// course, a stop's verdict carried to its cell, tesseract's sure reading of a character PP-OCR cannot write taken on any page;
    /// ocr-21: unsure cells near each other chosen together by their words, a double border's worn inner line taken out of the outermost column;
    /// ocr-22: a run of unsure cells scored by the best segmentation of its words, a whole thin inner border taken out too, a column beyond a
    /// worn border found over the columns' full reach, tesseract's reading that shared its cell taken at its share of the confidence, a blank cell
    /// of small type cut on its pitch given tesseract's sure reading where PP-OCR reads alone;
    /// ocr-23: a word looked up with the folding's alternatives too, 於是 as 于是, a stain's paper taken as paper on the flattened grey page;
    /// ocr-24: small type's stops and commas told apart by how far their ink spreads, its blank cells read again lightened in a window;
    /// ocr-25: a mark of small type that the speck floor cleared given a cell after its character;
    /// ocr-26: a page's printed form of each variant group chosen by the glyph templates' ink, corner brackets and
    /// stacked marks told by their ink; ocr-27: the same mended for pages set in the templates' face, newspaper brackets'
    /// faint stubs, a worn flat stroke no note; ocr-28: the glyph judge's mends kept where PP-OCR reads a page alone).</summary>
    public string Version => "ocr-28";

    /// <summary>The loaded models this reads with.</summary>
    public RecognitionModels Models => _ocr.Models;

    public Task<OcrPage> RecogniseAsync(string imagePath, Item item, CancellationToken ct) =>
        _ocr.RecogniseAsync(imagePath, OcrProfile.For(item.Collection, item.Script, item.Layout), ct);

    public void Dispose() => _ocr.Dispose();
}
