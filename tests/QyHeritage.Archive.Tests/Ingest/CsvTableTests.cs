using QyHeritage.Archive.Ingest;

namespace QyHeritage.Archive.Tests.Ingest;

public class CsvTableTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var rows = CsvTable.Parse("id,title\r\nA,\"x, \"\"y\"\"\nz\"\nB,plain\n", ["id", "title"]);
        Assert.Equal(2, rows.Count);
        Assert.Equal("x, \"y\"\nz", rows[0]["title"]);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(4, rows[1].Line);
    }

    [Fact]
    public void A_quoted_field_with_a_line_break_and_quotes_keeps_the_lines_of_the_rows_after_it()
    {
        var rows = CsvTable.Parse("id,title,note\nA,\"清遠縣\n\"\"在府城北\"\"\",x\n\nB,\"\",\"y\"\nC,z,w\n", ["id", "title"], rowErrors: null);
        Assert.Equal(["A", "B"], rows.Take(2).Select(r => r["id"]));
        Assert.Equal("清遠縣\n\"在府城北\"", rows[0]["title"]);
        Assert.Equal((2, 5), (rows[0].Line, rows[1].Line));
        Assert.Equal("", rows[1]["title"]);
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse("id,title,note\nA,\"x\ny\",1\nC,z\n", ["id"]));
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field_is_refused_with_its_line()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse("id,title\nA,x\nB,say \"hi\"\n", ["id"]));
        Assert.Equal(3, e.Line);
        Assert.Contains("quote", e.Message);
    }

    [Fact]
    public void A_row_with_a_missing_column_names_its_line()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse("id,title\nA,x\nB\n", ["id"]));
        Assert.Equal(3, e.Line);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void A_missing_header_column_is_named()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse("id,titel\nA,x\n", ["id", "title"]));
        Assert.Contains("title", e.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_not_a_swallowed_file()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse("id,title\nA,\"open\nB,x\n", ["id"]));
        Assert.Equal(2, e.Line);
    }
}
