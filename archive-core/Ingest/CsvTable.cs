using System.Text;

namespace QyHeritage.Archive.Ingest;

/// <summary>One data row of a CSV file, with the line it starts on (1-based, the header is line 1).</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields.TryGetValue(column, out var v) ? v : "";
}

/// <summary>A CSV problem that names its line.</summary>
public sealed class CsvFormatException(int line, string message) : FormatException($"line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180): comma separated, fields optionally in
/// double quotes with "" for a quote, quoted fields may span lines. The first row is the header.
/// </summary>
public static class CsvTable
{
    public static IReadOnlyList<CsvRow> Parse(string text, IReadOnlyCollection<string> requiredColumns) => Parse(text, requiredColumns, null);

    /// <summary>
    /// As <see cref="Parse(string, IReadOnlyCollection{string})"/>, but a row with the wrong number of
    /// fields goes into <paramref name="rowErrors"/> (when given) instead of failing the whole file:
    /// one short row should not stop the other rows. Problems with the header or the quoting still throw.
    /// </summary>
    public static IReadOnlyList<CsvRow> Parse(string text, IReadOnlyCollection<string> requiredColumns, ICollection<(CsvFormatException Error, string? FirstField)>? rowErrors)
    {
        var records = ReadRecords(text);
        if (records.Count == 0) throw new CsvFormatException(1, "the file is empty; expected a header row");
        var header = records[0].Fields;
        var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) throw new CsvFormatException(1, $"the header lacks the column(s) {string.Join(", ", missing)}");
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count) throw new CsvFormatException(1, "the header names a column twice");
        var rows = new List<CsvRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            if (fields.Count != header.Count)
            {
                var error = new CsvFormatException(line, $"expected {header.Count} columns, found {fields.Count}");
                if (rowErrors is null) throw error;
                rowErrors.Add((error, fields[0]));
                continue;
            }
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) dict[header[i]] = fields[i];
            rows.Add(new CsvRow(line, dict));
        }
        return rows;
    }

    private static List<(int Line, List<string> Fields)> ReadRecords(string text)
    {
        var records = new List<(int, List<string>)>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    inQuotes = true;
                    atFieldStart = false;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote appears inside an unquoted field");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    atFieldStart = true;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }
        if (inQuotes) throw new CsvFormatException(recordLine, "a quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
