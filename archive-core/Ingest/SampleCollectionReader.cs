using System.Text.RegularExpressions;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Ingest;

/// <summary>
/// Reads the sample-collection format: <c>items.csv</c> (one row per item) and a folder per item
/// holding <c>p001.jpg</c> (or .png/.tif) and <c>p001.txt</c> (the transcription of that page).
/// </summary>
public static partial class SampleCollectionReader
{
    public const string ItemsFile = "items.csv";

    public static readonly string[] RequiredColumns =
        ["id", "collection", "title_zh", "title_en", "creator", "date_as_written", "iso_year", "place",
         "language_script", "rights", "source", "image_origin", "folder", "description"];

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff"];

    /// <summary>Reads every row; rows with problems are reported, not thrown, so the rest can go on.</summary>
    public static (IReadOnlyList<SourceItem> Items, IReadOnlyList<SourceProblem> Problems) Read(string folder)
    {
        var root = Path.GetFullPath(folder);
        var csvPath = Path.Combine(root, ItemsFile);
        if (!File.Exists(csvPath))
            throw new FileNotFoundException($"No {ItemsFile} in '{root}': an ingest folder needs one row per item there.", csvPath);
        var rowErrors = new List<(CsvFormatException Error, string? FirstField)>();
        var rows = CsvTable.Parse(ReadUtf8(csvPath), RequiredColumns, rowErrors);
        var items = new List<SourceItem>();
        var problems = new List<SourceProblem>();
        // The message without its "line N:" prefix: SourceProblem names the line itself.
        problems.AddRange(rowErrors.Select(r => new SourceProblem(r.Error.Line, NullIfEmpty(r.FirstField ?? ""), r.Error.Message[$"line {r.Error.Line}: ".Length..])));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                var item = ReadRow(root, row);
                if (!seen.Add(item.Item.Id)) throw new FormatException($"the id {item.Item.Id} appears twice");
                items.Add(item);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                problems.Add(new SourceProblem(row.Line, NullIfEmpty(row["id"]), e.Message));
            }
        }
        return (items, problems.OrderBy(p => p.CsvLine).ToList());
    }

    /// <summary>
    /// items.csv as strict UTF-8. A file saved in GBK/GB18030 (common for Chinese spreadsheets) would
    /// otherwise be read with replacement characters and its titles stored as garbage, silently.
    /// </summary>
    private static string ReadUtf8(string csvPath)
    {
        var bytes = File.ReadAllBytes(csvPath);
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return new string(chars, 0, written);
        var line = 1 + bytes.AsSpan(0, read).Count((byte)'\n');
        throw new CsvFormatException(line, $"{ItemsFile} is not UTF-8 (byte 0x{bytes[Math.Min(read, bytes.Length - 1)]:X2} at offset {read}); save it as UTF-8 (a GBK file: iconv -f GB18030 -t UTF-8)");
    }

    private static SourceItem ReadRow(string root, CsvRow row)
    {
        var id = row["id"].Trim();
        if (!Item.IsValidId(id)) throw new FormatException($"the id '{id}' is not valid (letters, digits and '-', at most 64)");
        if (!Collections.TryParse(row["collection"], out var collection))
            throw new FormatException($"unknown collection '{row["collection"]}' (expected one of {string.Join(", ", Collections.All.Select(c => c.Code()))})");
        if (string.IsNullOrWhiteSpace(row["title_zh"])) throw new FormatException("the column title_zh is empty");
        var edtf = row["iso_year"];
        if (string.IsNullOrWhiteSpace(edtf))
        {
            // No normalised date given: read it from the date as written (光緒十五年 → 1889).
            edtf = QyHeritage.Archive.Dates.ChineseDateParser.FindIn(row["date_as_written"]) is { StartYear: >= 0 } found ? found.ToEdtf() : "";
        }
        if (!ItemDate.TryCreate(row["date_as_written"], edtf, out var date, out var dateError))
            throw new FormatException($"the column iso_year: {dateError}");
        var folderName = row["folder"].Trim();
        if (!IsSafeFolderName(folderName)) throw new FormatException($"the folder '{folderName}' is not a plain folder name");
        var folder = Path.Combine(root, folderName);
        if (!Directory.Exists(folder)) throw new FormatException($"the folder '{folderName}' does not exist");
        var (script, layout) = Item.InferScriptAndLayout(row["language_script"]);
        var pages = FindPages(folder, FolioLabels(row["source"]));
        if (pages.Count == 0) throw new FormatException($"the folder '{folderName}' has no pages (p001.jpg or p001.txt)");
        if (int.TryParse(row.Fields.GetValueOrDefault("page_count"), out var declared) && declared != pages.Count)
            throw new FormatException($"page_count says {declared} but the folder has {pages.Count} pages");
        var item = new Item
        {
            Id = id,
            Collection = collection,
            TitleZh = row["title_zh"].Trim(),
            TitleEn = row["title_en"].Trim(),
            Creator = row["creator"].Trim(),
            Date = date,
            Place = row["place"].Trim(),
            LanguageScript = row["language_script"].Trim(),
            Script = script,
            Layout = layout,
            Rights = row["rights"].Trim(),
            Source = row["source"].Trim(),
            ImageOrigin = row["image_origin"].Trim(),
            Description = row["description"].Trim(),
        };
        return new SourceItem(item, row.Line, folder, pages);
    }

    private static List<SourcePage> FindPages(string folder, IReadOnlyList<string> folios)
    {
        var byOrder = new SortedDictionary<int, (string? Image, string? Text)>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            // Such a name cannot be trusted to be the page it looks like (p002.jpg followed by a newline),
            // and one that is not UTF-8 cannot even be opened again by the name .NET decoded from it.
            if (name.Any(c => char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c)))
                throw new FormatException($"the folder '{Path.GetFileName(folder)}' holds a file name with control characters or bytes that are not UTF-8 ('{Escape(name)}'); rename or remove it");
            var m = PageFile().Match(name);
            if (!m.Success) continue;
            var order = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var ext = m.Groups[2].Value.ToLowerInvariant();
            byOrder.TryGetValue(order, out var entry);
            if (ext == ".txt") entry.Text = file;
            else if (ImageExtensions.Contains(ext))
            {
                if (entry.Image is not null) throw new FormatException($"page {order} has two images");
                entry.Image = file;
            }
            byOrder[order] = entry;
        }
        var expected = 1;
        var pages = new List<SourcePage>();
        foreach (var (order, files) in byOrder)
        {
            if (order != expected) throw new FormatException($"page {Page.PageName(expected)} is missing (pages must be numbered from p001 without gaps)");
            expected++;
            var label = order - 1 < folios.Count && folios.Count == byOrder.Count ? folios[order - 1] : order.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pages.Add(new SourcePage(order, label, files.Image, files.Text));
        }
        return pages;
    }

    /// <summary>Folio references from the source column ("pages 004-10b,004-11a"), used as page labels.</summary>
    internal static IReadOnlyList<string> FolioLabels(string source)
    {
        var m = FolioList().Match(source);
        return m.Success ? m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries) : [];
    }

    private static bool IsSafeFolderName(string name) =>
        name.Length is > 0 and <= 255 && name is not "." and not ".." &&
        !name.Any(c => c is '/' or '\\' or '\0' || char.IsControl(c));

    /// <summary>The name with control and undecodable characters as \uXXXX, safe to print and log.</summary>
    private static string Escape(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^p(\d{3,4})(\.[A-Za-z]+)\z")]
    private static partial Regex PageFile();

    [GeneratedRegex(@"pages\s+([0-9]+-[0-9]+[ab](?:\s*,\s*[0-9]+-[0-9]+[ab])*)")]
    private static partial Regex FolioList();
}
