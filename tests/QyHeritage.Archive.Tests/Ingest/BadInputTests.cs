using System.Runtime.InteropServices;
using System.Text;
using QyHeritage.Archive.Ingest;

namespace QyHeritage.Archive.Tests.Ingest;

/// <summary>
/// Ingest folders as people really hand them over: a CSV saved in GBK, rows short of a column,
/// odd file names beside the pages, masters that are not images. Each is refused with the line, or
/// the item and page, named; nothing of it reaches storage, and the good rows still go in.
/// </summary>
public class BadInputTests
{
    private static readonly string Header = string.Join(',', SampleCollectionReader.RequiredColumns);

    private static string Row(string id, string folder, string title = "標題") =>
        $"{id},rare-book,{title},Title,作者,雍正九年,1731,清遠,\"traditional characters, vertical\",CC0,src,rendered,{folder},desc";

    /// <summary>An ingest folder with one item folder "good" holding a transcribed page.</summary>
    private static string NewFolder()
    {
        var dir = TestPaths.NewTempFolder("bad-input");
        Directory.CreateDirectory(Path.Combine(dir, "good"));
        File.WriteAllText(Path.Combine(dir, "good", "p001.txt"), "清遠縣");
        return dir;
    }

    [Fact]
    public void An_items_csv_saved_in_gbk_is_refused_naming_the_first_line_that_is_not_utf8()
    {
        var dir = NewFolder();
        var gbk = new byte[] { 0xC7, 0xE5, 0xD4, 0xB6 }; // 清远 in GBK: not UTF-8
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{Row("QY-T-1", "good")}\n{Row("QY-T-2", "good", "X")}\n")
            .ToList();
        // Put the GBK title into the third line (the second data row), in place of its "X".
        var x = bytes.LastIndexOf((byte)'X');
        bytes.RemoveAt(x);
        bytes.InsertRange(x, gbk);
        File.WriteAllBytes(Path.Combine(dir, "items.csv"), bytes.ToArray());

        var e = Assert.Throws<CsvFormatException>(() => SampleCollectionReader.Read(dir));
        Assert.Equal(3, e.Line);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Rows_short_of_a_column_or_with_one_too_many_are_reported_by_line_and_the_rest_read()
    {
        var dir = NewFolder();
        File.WriteAllLines(Path.Combine(dir, "items.csv"),
        [
            Header,
            Row("QY-T-1", "good"),
            Row("QY-T-2", "good")[..^",desc".Length],  // the description column left off
            Row("QY-T-3", "good") + ",extra",
            Row("QY-T-4", "good"),
        ]);
        var (items, problems) = SampleCollectionReader.Read(dir);
        Assert.Equal(["QY-T-1", "QY-T-4"], items.Select(i => i.Item.Id));
        Assert.Equal([3, 4], problems.Select(p => p.CsvLine));
        Assert.All(problems, p => Assert.Contains($"expected {SampleCollectionReader.RequiredColumns.Length} columns", p.Message));
        Assert.Equal("QY-T-2", problems[0].ItemId);
        Assert.StartsWith("items.csv line 3 (QY-T-2):", problems[0].ToString());
    }

    [Fact]
    public void Malformed_columns_name_their_line_and_what_is_wrong()
    {
        var dir = NewFolder();
        File.WriteAllLines(Path.Combine(dir, "items.csv"),
        [
            Header,
            Row("QY-T-1", "good", title: " "),              // line 2: empty title
            Row(new string('A', 65), "good"),                // line 3: an id longer than 64
            Row("QY-T-3", new string('f', 300)),             // line 4: a folder name longer than a file system allows
            Row("QY-T-4", "/etc"),                           // line 5: an absolute path
            Row("QY-T-5", "go\u0001od"),                     // line 6: a control character
            Row("QY-T-6", "good/../../etc"),                 // line 7: traversal inside the name
            Row("QY-T-7", "good"),
        ]);
        var (items, problems) = SampleCollectionReader.Read(dir);
        Assert.Equal(["QY-T-7"], items.Select(i => i.Item.Id));
        Assert.Equal([2, 3, 4, 5, 6, 7], problems.Select(p => p.CsvLine));
        Assert.Contains("title_zh", problems[0].Message);
        Assert.Contains("at most 64", problems[1].Message);
        Assert.All(problems.Skip(2), p => Assert.Contains("not a plain folder name", p.Message));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int creat(byte[] path, int mode);

    [DllImport("libc")]
    private static extern int close(int fd);

    /// <summary>Creates a file whose name is raw bytes (a .NET string would always be valid UTF-8).</summary>
    private static void CreateRawName(string folder, byte[] name)
    {
        var path = Encoding.UTF8.GetBytes(folder + "/").Concat(name).Append((byte)0).ToArray();
        var fd = creat(path, Convert.ToInt32("644", 8));
        Assert.True(fd >= 0, $"creat failed: errno {Marshal.GetLastPInvokeError()}");
        close(fd);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'p', (byte)'0', (byte)'0', (byte)'2', (byte)'.', (byte)'j', (byte)'p', (byte)'g', 0x0A })] // p002.jpg + newline
    [InlineData(new byte[] { (byte)'p', (byte)'0', (byte)'0', (byte)'2', 0x1B, (byte)'.', (byte)'j', (byte)'p', (byte)'g' })] // an escape inside
    [InlineData(new byte[] { (byte)'p', (byte)'0', (byte)'0', (byte)'2', 0xC7, 0xE5, (byte)'.', (byte)'j', (byte)'p', (byte)'g' })] // GBK bytes
    public void A_page_file_name_with_control_characters_or_bytes_that_are_not_utf8_refuses_its_item(byte[] name)
    {
        var dir = NewFolder();
        Directory.CreateDirectory(Path.Combine(dir, "odd"));
        File.WriteAllText(Path.Combine(dir, "odd", "p001.txt"), "清遠縣");
        CreateRawName(Path.Combine(dir, "odd"), name);
        File.WriteAllLines(Path.Combine(dir, "items.csv"), [Header, Row("QY-T-1", "good"), Row("QY-T-2", "odd")]);

        var (items, problems) = SampleCollectionReader.Read(dir);
        Assert.Equal(["QY-T-1"], items.Select(i => i.Item.Id));
        var problem = Assert.Single(problems);
        Assert.Equal((3, "QY-T-2"), (problem.CsvLine, problem.ItemId));
        Assert.Contains("file name", problem.Message);
        Assert.Contains("odd", problem.Message);
        // The name is shown escaped, so the message itself carries no control character.
        Assert.DoesNotContain(problem.ToString(), char.IsControl);
    }

    [Fact]
    public async Task A_master_that_is_not_an_image_is_refused_with_item_and_page_and_nothing_is_stored()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("bad-master"), OcrEnabled = false });
        var folder = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003");
        File.WriteAllText(Path.Combine(folder, "rb02_gdtz_j04_yingde_jiangyu", "p002.jpg"), "這不是圖像 — this is not an image\n");

        var report = await new IngestRunner(archive).RunAsync(folder);
        Assert.Equal(1, report.ItemsAdded);
        var problem = Assert.Single(report.Problems);
        Assert.Contains("QY-RB-002 p002", problem);
        Assert.DoesNotContain("   at ", problem); // a message, not a stack trace
        Assert.Null(await archive.Ocfl.GetHeadAsync("QY-RB-002"));
        Assert.Null(archive.Catalog.FindItem("QY-RB-002"));
    }
}
