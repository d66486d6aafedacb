using System.Net;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Exhibitions;

/// <summary>The first start publishes the exhibitions shipped beside the sample collection once its items are in.</summary>
public class ShippedExhibitionsFirstStartTests
{
    [Fact]
    public async Task The_first_start_publishes_the_shipped_tea_exhibition_after_the_import()
    {
        // The layout of assets/: the sample collection and, beside it, exhibitions/.
        var assets = TestPaths.NewTempFolder("first-start-assets");
        Directory.Move(TestPaths.SampleSubset("QY-LH-001", "QY-LH-002"), Path.Combine(assets, "sample-collection"));
        Directory.CreateDirectory(Path.Combine(assets, "exhibitions"));
        File.Copy(Path.Combine(TestPaths.RepoRoot, "assets", "exhibitions", "qingyuan-tea.json"), Path.Combine(assets, "exhibitions", "qingyuan-tea.json"));
        var data = TestPaths.NewTempFolder("first-start-exhibitions");

        await using (var host = await RunningHost.StartAsync(data, $"--Qy:SampleCollection={Path.Combine(assets, "sample-collection")}", "--Qy:OcrEnabled=false"))
        {
            HttpStatusCode status = 0;
            for (var deadline = DateTime.UtcNow.AddMinutes(4); DateTime.UtcNow < deadline; await Task.Delay(500))
            {
                using var r = await host.Client.GetAsync("/exhibitions/qingyuan-tea");
                if ((status = r.StatusCode) == HttpStatusCode.OK) break;
            }
            Assert.Equal(HttpStatusCode.OK, status);
            var story = await host.Client.GetStringAsync("/exhibitions/qingyuan-tea");
            Assert.Contains("湞陽县北五里有茶山", story);
            Assert.Contains("/iiif/3/QY-LH-002~p001/1568,310,506,2810/", story);
            Assert.Contains("href=\"/exhibitions/qingyuan-tea\"", await host.Client.GetStringAsync("/"));
        }

        // Storage alone holds it: a saved version and the published one, by the program, in the items' OCFL root.
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data });
        var history = await new ExhibitionStore(archive).HistoryAsync("qingyuan-tea");
        Assert.Equal([(1, false), (2, true)], history.Select(h => (h.Version, h.Published)));
        Assert.All(history, h => Assert.Equal(ShippedExhibitions.User, h.UserName));
    }
}
