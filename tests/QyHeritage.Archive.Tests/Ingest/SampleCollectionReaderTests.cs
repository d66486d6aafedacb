using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;

namespace QyHeritage.Archive.Tests.Ingest;

public class SampleCollectionReaderTests
{
    [Fact]
    public void Reads_every_item_and_page_of_the_sample_collection()
    {
        var (items, problems) = SampleCollectionReader.Read(TestPaths.SampleCollection);
        Assert.Empty(problems);
        Assert.Equal(30, items.Count);
        Assert.Equal(60, items.Sum(i => i.Pages.Count));
        Assert.All(items, i => Assert.All(i.Pages, p => Assert.True(p.ImagePath is not null && p.TranscriptionPath is not null)));
        var rb = items.Single(i => i.Item.Id == "QY-RB-001");
        Assert.Equal(CollectionKind.RareBook, rb.Item.Collection);
        Assert.Equal(1731, rb.Item.Date.StartYear);
        Assert.Equal(["004-10b", "004-11a", "004-11b", "004-12a"], rb.Pages.Select(p => p.Label));
        Assert.Equal(TextLayout.VerticalRightToLeft, rb.Item.Layout);
        var wiki = items.Single(i => i.Item.Id == "QY-LH-003");
        Assert.Equal((Script.Simplified, TextLayout.Horizontal), (wiki.Item.Script, wiki.Item.Layout));
        var ranged = items.Single(i => i.Item.Id == "QY-RB-010");
        Assert.Equal((976, 984), (ranged.Item.Date.StartYear!.Value, ranged.Item.Date.EndYear!.Value));
    }

    [Theory]
    [InlineData("光緒十五年", 1889, 1889)]
    [InlineData("太平興國年間", 976, 984)]
    [InlineData("民國二十年五月", 1931, 1931)]
    [InlineData("年代不詳", null, null)]
    public void Without_an_iso_year_the_date_is_read_from_the_written_form(string written, int? start, int? end)
    {
        var dir = TestPaths.NewTempFolder("csv-dates");
        Directory.CreateDirectory(Path.Combine(dir, "item"));
        File.WriteAllText(Path.Combine(dir, "item", "p001.txt"), "清遠縣");
        File.WriteAllLines(Path.Combine(dir, "items.csv"),
        [
            string.Join(',', SampleCollectionReader.RequiredColumns),
            $"QY-D-1,rare-book,標題,Title,作者,{written},,清遠,traditional characters,CC0,src,rendered,item,desc",
        ]);
        var (items, problems) = SampleCollectionReader.Read(dir);
        Assert.Empty(problems);
        Assert.Equal((start, end), (items[0].Item.Date.StartYear, items[0].Item.Date.EndYear));
        Assert.Equal(written, items[0].Item.Date.AsWritten);
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_and_the_rest_still_read()
    {
        var dir = TestPaths.NewTempFolder("csv");
        Directory.CreateDirectory(Path.Combine(dir, "good"));
        File.WriteAllText(Path.Combine(dir, "good", "p001.txt"), "清遠縣");
        var header = string.Join(',', SampleCollectionReader.RequiredColumns);
        string Row(string id, string collection, string year, string folder) =>
            $"{id},{collection},標題,Title,作者,雍正九年,{year},清遠,\"traditional characters, vertical\",CC0,src,rendered,{folder},desc";
        File.WriteAllLines(Path.Combine(dir, "items.csv"),
        [
            header,
            Row("QY-T-1", "rare-book", "1731", "good"),
            Row("QY-T-2", "maps", "1731", "good"),
            Row("QY-T-3", "rare-book", "1731", "../etc"),
            Row("QY-T-4", "rare-book", "17x1", "good"),
            Row("QY T 5", "rare-book", "1731", "good"),
            Row("QY-T-6", "rare-book", "1731", "missing"),
        ]);
        var (items, problems) = SampleCollectionReader.Read(dir);
        Assert.Equal(["QY-T-1"], items.Select(i => i.Item.Id));
        Assert.Equal([3, 4, 5, 6, 7], problems.Select(p => p.CsvLine));
        Assert.Contains("maps", problems[0].Message);
        Assert.Contains("folder", problems[1].Message);
        Assert.Contains("iso_year", problems[2].Message);
        Assert.Contains("id", problems[3].Message);
        Assert.Contains("does not exist", problems[4].Message);
        Assert.Null(items[0].Pages[0].ImagePath);
    }
}
