using System.Diagnostics;
using System.Globalization;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;
using QyHeritage.Recognition;
using SkiaSharp;

/// <summary>
/// Issue 17's "every hit box on its own character cell": each page's transcription placed on the page by
/// <see cref="TranscriptionAligner"/> against the page's OCR (the default reader), then each placed character's box
/// checked against the cells the OCR read. A box is on a cell when it covers at least half of an OCR glyph's box and
/// that glyph's box covers at least half of it; on its own cell when no other character of the transcription lies on
/// the same one. Characters the OCR confirmed sit on their cell by construction; the figure that says something is for
/// those it read otherwise (substituted) or not at all (interpolated, estimated). With <c>--align-draw DIR</c> each
/// page is drawn with its boxes (green: confirmed, blue: substituted, orange: interpolated on a cell, red: on no cell
/// of its own) to look at.
/// </summary>
static class AlignBench
{
    public static async Task<int> Run(string sample, IReadOnlyList<(string Folder, string Page, OcrProfile Profile)> pages, RecognitionModels models, string drawTo)
    {
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions(), models: models);
        var md = new StringBuilder("| page | characters | confirmed | substituted | interpolated | estimated | on their own cell | not | of those not confirmed, on their own cell | boxes out of reading order |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int total = 0, own = 0, unconfirmed = 0, unconfirmedOwn = 0;
        foreach (var (folder, page, profile) in pages)
        {
            var image = Path.Combine(sample, folder, page + ".jpg");
            var clock = Stopwatch.StartNew();
            var read = await ocr.RecogniseAsync(image, profile);
            var transcription = Transcription.Parse(await File.ReadAllTextAsync(Path.Combine(sample, folder, page + ".txt")));
            var aligned = TranscriptionAligner.Align(transcription, read, profile.Layout);
            var cells = read.Lines.SelectMany(l => l.Glyphs).Select(g => g.Box).Distinct().ToList();
            var chars = aligned.Chars.Where(c => !c.Char.IsBlank).ToList();
            var onCell = chars.Select(c => cells.Where(cell => Covers(c.Box, cell) && Covers(cell, c.Box)).Select(cell => (Box?)cell).FirstOrDefault()).ToList();
            var claims = onCell.Where(c => c is not null).GroupBy(c => c!.Value).ToDictionary(g => g.Key, g => g.Count());
            var isOwn = onCell.Select(c => c is { } cell && claims[cell] == 1).ToList();
            var byStatus = chars.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
            var notConfirmed = Enumerable.Range(0, chars.Count).Where(i => chars[i].Status != AlignmentStatus.Confirmed).ToList();
            var disorder = aligned.Lines.Sum(l => OutOfOrder(l, profile.Layout));
            total += chars.Count; own += isOwn.Count(o => o);
            unconfirmed += notConfirmed.Count; unconfirmedOwn += notConfirmed.Count(i => isOwn[i]);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {folder}/{page} | {chars.Count} | {Count(byStatus, AlignmentStatus.Confirmed)} | {Count(byStatus, AlignmentStatus.Substituted)} | {Count(byStatus, AlignmentStatus.Interpolated)} | {Count(byStatus, AlignmentStatus.Estimated)} | {isOwn.Count(o => o)} | {isOwn.Count(o => !o)} | {notConfirmed.Count(i => isOwn[i])} of {notConfirmed.Count} | {disorder} |");
            Console.Error.WriteLine($"{folder}/{page}\t{clock.Elapsed.TotalSeconds:0.0}s\tnot on a cell of their own: {string.Concat(Enumerable.Range(0, chars.Count).Where(i => !isOwn[i]).Select(i => chars[i].Char.Text))}");
            if (drawTo.Length > 0) Draw(image, chars, isOwn, Path.Combine(drawTo, $"{folder}-{page}-aligned.png"));
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"| all | {total} | | | | | {own} ({100.0 * own / Math.Max(1, total):0.0} %) | {total - own} | {unconfirmedOwn} of {unconfirmed} | |");
        Console.WriteLine(md.ToString());
        return 0;
    }

    private static int Count(Dictionary<AlignmentStatus, int> byStatus, AlignmentStatus status) => byStatus.GetValueOrDefault(status);

    /// <summary>Whether <paramref name="a"/> covers at least half of <paramref name="b"/>'s area.</summary>
    private static bool Covers(Box a, Box b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        return w > 0 && h > 0 && 2.0 * w * h >= (double)b.W * b.H;
    }

    /// <summary>Consecutive characters of a line (body text only: a note's two sub-columns interleave) whose boxes do not advance along it.</summary>
    private static int OutOfOrder(AlignedLine line, TextLayout layout)
    {
        var body = line.Chars.Where(c => !c.Char.IsBlank && !c.Char.IsSmallNote).ToList();
        var vertical = layout == TextLayout.VerticalRightToLeft;
        return body.Zip(body.Skip(1)).Count(p => vertical
            ? p.Second.Box.Y + p.Second.Box.H / 2 <= p.First.Box.Y + p.First.Box.H / 2
            : p.Second.Box.X + p.Second.Box.W / 2 <= p.First.Box.X + p.First.Box.W / 2);
    }

    private static void Draw(string image, List<AlignedChar> chars, List<bool> isOwn, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = SKBitmap.Decode(image);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2, bitmap.Width / 600f), IsAntialias = false };
        for (var i = 0; i < chars.Count; i++)
        {
            paint.Color = !isOwn[i] ? SKColors.Red : chars[i].Status switch
            {
                AlignmentStatus.Confirmed => SKColors.Green,
                AlignmentStatus.Substituted => SKColors.Blue,
                _ => SKColors.Orange,
            };
            var b = chars[i].Box;
            canvas.DrawRect(b.X + 1, b.Y + 1, b.W - 2, b.H - 2, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
