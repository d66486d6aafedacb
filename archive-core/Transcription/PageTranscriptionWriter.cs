using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>Why a transcription was not stored.</summary>
public enum TranscriptionRefusalKind
{
    UnknownItem,
    UnknownPage,
    /// <summary>The item changed since the version the transcriber started from.</summary>
    Stale,
    Empty,
    TooLarge,
    /// <summary>Control characters other than line breaks and tabs: a binary file, not a transcription.</summary>
    NotText,
}

/// <summary>A refusal with its bilingual message (errors as values: nothing was written).</summary>
public sealed record TranscriptionRefusal(TranscriptionRefusalKind Kind, string Zh, string En);

/// <summary>
/// What storing a transcription did: the item's new OCFL version, how many characters the text has, and how many of
/// them the alignment placed on a character the OCR read alike (<see cref="AlignmentStatus.Confirmed"/>); no alignment
/// (<see cref="Aligned"/> false) for a page without OCR.
/// </summary>
public sealed record TranscriptionSaved(Item Item, int Version, int Characters, int Confirmed, bool Aligned);

/// <summary>
/// Stores a curator's transcription of one page as a new version of its item's OCFL object: <c>text/pNNN.txt</c>,
/// the transcription aligned to the page's stored OCR (<c>text/pNNN.hocr</c>, so hit boxes and line highlighting
/// follow the new text), and <c>metadata.json</c> naming both; every other file as it was. One writer per object
/// across processes (<see cref="ObjectWriterLock"/>, as ingest); the version is written whole or not at all
/// (<see cref="OcflRepository.CommitAsync"/>); then the catalog row, then <c>afterCommit</c> (the search index).
/// </summary>
public sealed class PageTranscriptionWriter(ArchiveServices archive, Func<Item, int, CancellationToken, Task>? afterCommit = null)
{
    /// <summary>The largest transcription taken, in UTF-8 bytes: a dense folio is a few kB, a newspaper page tens.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <param name="baseVersion">The item version the transcriber saw (null: whatever is current); another one now is <see cref="TranscriptionRefusalKind.Stale"/>.</param>
    public async Task<(TranscriptionSaved? Saved, TranscriptionRefusal? Refusal)> SaveAsync(string itemId, int order, string text, int? baseVersion, string user, CancellationToken ct = default)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            return Refuse(TranscriptionRefusalKind.TooLarge, $"转录文字超过 {MaxBytes / 1024} KB 上限。", $"The transcription is larger than the {MaxBytes / 1024} KB limit.");
        var normalised = Normalise(text);
        if (normalised.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            return Refuse(TranscriptionRefusalKind.NotText, "转录须为纯文本（UTF-8），不能含控制字符。", "A transcription is plain text (UTF-8) without control characters.");
        var parsed = Transcription.Parse(normalised);
        if (parsed.Characters.Count == 0)
            return Refuse(TranscriptionRefusalKind.Empty, "转录没有任何文字。", "The transcription has no characters.");
        if (!Item.IsValidId(itemId)) return UnknownItem(itemId);

        using var writerLock = await ObjectWriterLock.AcquireAsync(archive.Options.WorkFolder, itemId, ct);
        var head = await archive.Ocfl.GetHeadAsync(itemId, ct);
        if (head is null || !head.Files.ContainsKey(ItemMetadata.LogicalPath)) return UnknownItem(itemId);
        if (baseVersion is { } seen && seen != head.Version)
            return Refuse(TranscriptionRefusalKind.Stale, $"藏品已更新为第 {head.Version} 版（您打开的是第 {seen} 版）：请重新打开页面，核对后再保存。",
                $"The item has changed to version {head.Version} since you opened version {seen}: open the page again, check, then save.");
        var item = ItemMetadata.Parse(await archive.Ocfl.ReadFileAsync(itemId, ItemMetadata.LogicalPath, null, ct));
        var page = item.Pages.FirstOrDefault(p => p.Order == order);
        if (page is null)
            return Refuse(TranscriptionRefusalKind.UnknownPage, $"藏品 {itemId} 没有第 {order} 页（共 {item.Pages.Count} 页）。", $"Item {itemId} has no page {order} (it has {item.Pages.Count}).");

        var textPath = $"text/{page.Name}.txt";
        var boxesPath = $"text/{page.Name}.hocr";
        var textBytes = Encoding.UTF8.GetBytes(normalised);
        byte[]? boxes = null;
        var confirmed = 0;
        if (page.Ocr is { } ocrPath && head.Files.ContainsKey(ocrPath))
        {
            var ocr = Hocr.Parse(Encoding.UTF8.GetString(await archive.Ocfl.ReadFileAsync(itemId, ocrPath, null, ct)));
            var aligned = TranscriptionAligner.Align(parsed, ocr, item.Layout);
            confirmed = aligned.Chars.Count(c => c.Status == AlignmentStatus.Confirmed);
            boxes = Encoding.UTF8.GetBytes(Hocr.Write(aligned.ToOcrPage()));
        }
        var changed = item with
        {
            Pages = item.Pages.Select(p => p.Order != order ? p : p with { Transcription = textPath, TextBoxes = boxes is null ? null : boxesPath }).ToList(),
        };
        var metadata = ItemMetadata.ToUtf8(changed);
        var replaced = new HashSet<string>(StringComparer.Ordinal) { ItemMetadata.LogicalPath, textPath, boxesPath };
        var state = head.Files.Keys.Where(path => !replaced.Contains(path))
            .Select(path => new OcflContent(path, c => archive.Ocfl.OpenFileAsync(itemId, path, null, c)))
            .Append(OcflContent.FromBytes(ItemMetadata.LogicalPath, metadata))
            .Append(OcflContent.FromBytes(textPath, textBytes))
            .ToList();
        if (boxes is not null) state.Add(OcflContent.FromBytes(boxesPath, boxes));
        var commit = await archive.Ocfl.CommitAsync(itemId, state,
            new OcflVersionInfo($"Transcription of {page.Name}", user, null, DateTimeOffset.UtcNow), ct);
        var stored = ItemMetadata.Parse(metadata);
        archive.Catalog.Upsert(stored, commit.Version);
        if (commit.Changed && afterCommit is not null) await afterCommit(stored, commit.Version, ct);
        return (new TranscriptionSaved(stored, commit.Version, parsed.Characters.Count, confirmed, boxes is not null), null);
    }

    /// <summary>Line breaks as LF, no byte-order mark, one final line break: the form ingest's files have.</summary>
    internal static string Normalise(string text)
    {
        var s = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n', ' ', '\t');
        return s + "\n";
    }

    private static (TranscriptionSaved?, TranscriptionRefusal?) UnknownItem(string itemId) =>
        Refuse(TranscriptionRefusalKind.UnknownItem, $"没有编号为 “{UserText.Shorten(itemId, 40)}” 的藏品。", $"There is no item '{UserText.Shorten(itemId, 40)}'.");

    private static (TranscriptionSaved?, TranscriptionRefusal?) Refuse(TranscriptionRefusalKind kind, string zh, string en) => (null, new TranscriptionRefusal(kind, zh, en));
}
