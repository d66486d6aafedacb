using CsvHelper;

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
/// RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180), read by CsvHelper: comma separated, fields optionally
/// in double quotes with "" for a quote, quoted fields may span lines. The first row is the header. Strict: a stray
/// or unclosed quote refuses the file, naming the line its record starts on.
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
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length) throw new CsvFormatException(1, "the header names a column twice");
        var rows = new List<CsvRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length == 1 && fields[0].Length == 0) continue; // blank line
            if (fields.Length != header.Length)
            {
                var error = new CsvFormatException(line, $"expected {header.Length} columns, found {fields.Length}");
                if (rowErrors is null) throw error;
                rowErrors.Add((error, fields[0]));
                continue;
            }
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) dict[header[i]] = fields[i];
            rows.Add(new CsvRow(line, dict));
        }
        return rows;
    }

    /// <summary>The records with the line each starts on (empty lines are passed over but counted).</summary>
    private static List<(int Line, string[] Fields)> ReadRecords(string text)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            // Refuse the file rather than read a stray quote as text or let an unclosed one swallow the rows after it.
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        var records = new List<(int, string[])>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
                records.Add(((int)reader.LineNumber, fields));
            }
        }
        catch (CsvHelper.CsvFormatException e)
        {
            throw new CsvFormatException((int)e.LineNumber, "the quoting is broken: a quote inside an unquoted field, or a quoted field that is not closed");
        }
        return records;
    }
}
