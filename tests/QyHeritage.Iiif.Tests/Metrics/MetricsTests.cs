using System.Net;

namespace QyHeritage.Iiif.Tests.Metrics;

[Collection(IiifCollection.Name)]
public class MetricsTests(IiifHostFixture host)
{
    [Fact]
    public async Task Metrics_show_request_latency_per_route_and_how_images_were_made()
    {
        // One of each: passthrough, rendered, cache.
        await host.Client.GetByteArrayAsync("/iiif/3/QY-RB-001~p002/0,0,256,256/256,/0/default.jpg");
        await host.Client.GetByteArrayAsync("/iiif/3/QY-RB-001~p002/full/!99,99/0/default.jpg");
        await host.Client.GetByteArrayAsync("/iiif/3/QY-RB-001~p002/full/!99,99/0/default.jpg");

        // The exporter collects on a schedule; retry briefly until the scrape shows what was done.
        string text = "";
        for (var i = 0; i < 50; i++)
        {
            using var response = await host.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains("source=\"passthrough\"") && text.Contains("source=\"cache\"") && text.Contains("http_server_request_duration_seconds_bucket")) break;
            await Task.Delay(100);
        }
        Assert.Contains("qy_iiif_image_responses_total{", text);
        Assert.Contains("source=\"passthrough\"", text);
        Assert.Contains("source=\"rendered\"", text);
        Assert.Contains("source=\"cache\"", text);
        Assert.Contains("qy_iiif_image_bytes_total{", text);
        Assert.Contains("qy_iiif_image_duration_seconds_bucket{", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        Assert.Contains("http_route=\"/iiif/3/{**path}\"", text);
    }
}
