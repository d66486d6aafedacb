using System.Net;
using System.Text.Json;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>Manifests and Collections for the sample items, rule by rule against Presentation 3.0, every id dereferenced.</summary>
[Collection(IiifCollection.Name)]
public class PresentationTests(IiifHostFixture host)
{
    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return JsonDocument.Parse(body);
    }

    public static TheoryData<string> Items() => new(IiifHostFixture.SampleItems);

    [Theory]
    [MemberData(nameof(Items))]
    public async Task Every_manifest_keeps_the_musts_and_every_id_in_it_dereferences(string itemId)
    {
        using var doc = await GetJsonAsync($"/iiif/presentation/{itemId}/manifest");
        var manifest = doc.RootElement;
        Assert.Empty(PresentationRules.Check(manifest));
        Assert.Equal("Manifest", manifest.GetProperty("type").GetString());
        Assert.Equal($"{host.BaseUrl}/iiif/presentation/{itemId}/manifest", manifest.GetProperty("id").GetString());
        await AssertEveryIdDereferencesAsync(manifest);
    }

    [Fact]
    public async Task A_rare_book_is_traditional_chinese_paged_right_to_left_with_its_licence_and_attribution()
    {
        using var doc = await GetJsonAsync("/iiif/presentation/QY-RB-001/manifest");
        var m = doc.RootElement;
        Assert.StartsWith("廣東通志", m.GetProperty("label").GetProperty("zh-Hant")[0].GetString());
        Assert.StartsWith("Guangdong Gazetteer", m.GetProperty("label").GetProperty("en")[0].GetString());
        Assert.False(m.GetProperty("label").TryGetProperty("zh-Hans", out _));
        Assert.Equal("right-to-left", m.GetProperty("viewingDirection").GetString());
        Assert.Equal(["paged"], m.GetProperty("behavior").EnumerateArray().Select(b => b.GetString()!));
        Assert.Equal("http://creativecommons.org/licenses/by-sa/4.0/", m.GetProperty("rights").GetString());
        var statement = m.GetProperty("requiredStatement").GetProperty("value");
        Assert.Equal("清远市图书馆", statement.GetProperty("zh-Hans")[0].GetString());
        Assert.Equal("Qingyuan City Library", statement.GetProperty("en")[0].GetString());
        Assert.Equal("Agent", m.GetProperty("provider")[0].GetProperty("type").GetString());
        Assert.Equal($"{host.BaseUrl}/items/QY-RB-001", m.GetProperty("homepage")[0].GetProperty("id").GetString());
        // The rights prose is kept as metadata; labels are 简体中文 first, then English.
        var metadata = m.GetProperty("metadata").EnumerateArray().ToList();
        var rights = metadata.Single(e => e.GetProperty("label").GetProperty("en")[0].GetString() == "Rights");
        Assert.Contains("Kanseki Repository", rights.GetProperty("value").GetProperty("en")[0].GetString());
        Assert.Equal("zh-Hans", metadata[0].GetProperty("label").EnumerateObject().First().Name);

        var canvases = m.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, canvases.Count);
        var canvas = canvases[0];
        Assert.Equal((2400, 3400), (canvas.GetProperty("width").GetInt32(), canvas.GetProperty("height").GetInt32()));
        Assert.Equal("004-10b", canvas.GetProperty("label").GetProperty("none")[0].GetString());
        var painting = canvas.GetProperty("items")[0].GetProperty("items")[0];
        Assert.Equal("painting", painting.GetProperty("motivation").GetString());
        var service = painting.GetProperty("body").GetProperty("service")[0];
        Assert.Equal($"{host.BaseUrl}/iiif/3/QY-RB-001~p001", service.GetProperty("id").GetString());
        Assert.Equal("ImageService3", service.GetProperty("type").GetString());

        // The page text rides along as a supplementing annotation, in the item's script.
        var text = canvas.GetProperty("annotations")[0].GetProperty("items")[0];
        Assert.Equal("supplementing", text.GetProperty("motivation").GetString());
        Assert.Equal("zh-Hant", text.GetProperty("body").GetProperty("language").GetString());
        var sample = await File.ReadAllTextAsync(Path.Combine(TestPaths.SampleCollection, "rb01_gdtz_j04_qingyuan_jiangyu", "p001.txt"));
        Assert.Equal(sample.Trim(), text.GetProperty("body").GetProperty("value").GetString());

        // seeAlso leads to the stored transcription, byte for byte.
        var seeAlso = canvas.GetProperty("seeAlso").EnumerateArray().Single(s => s.GetProperty("format").GetString() == "text/plain");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(TestPaths.SampleCollection, "rb01_gdtz_j04_qingyuan_jiangyu", "p001.txt")),
            await host.Client.GetByteArrayAsync(seeAlso.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("QY-LH-003", "zh-Hans", null, false, "http://creativecommons.org/licenses/by-sa/3.0/")]
    [InlineData("QY-RD-002", "zh-Hant", "right-to-left", true, "http://creativecommons.org/licenses/by-nc/4.0/")]
    [InlineData("QY-NP-001", "zh-Hant", "right-to-left", false, null)] // two licences named: no single rights URI
    public async Task Script_direction_paging_and_rights_follow_the_item(string itemId, string language, string? direction, bool paged, string? rights)
    {
        using var doc = await GetJsonAsync($"/iiif/presentation/{itemId}/manifest");
        var m = doc.RootElement;
        Assert.True(m.GetProperty("label").TryGetProperty(language, out _));
        Assert.Equal(direction, m.TryGetProperty("viewingDirection", out var d) ? d.GetString() : null);
        Assert.Equal(paged, m.TryGetProperty("behavior", out _));
        Assert.Equal(rights, m.TryGetProperty("rights", out var r) ? r.GetString() : null);
    }

    [Fact]
    public async Task Collections_keep_the_musts_list_the_manifests_and_dereference()
    {
        using var top = await GetJsonAsync("/iiif/presentation/collection/top");
        Assert.Empty(PresentationRules.Check(top.RootElement));
        var codes = top.RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!.Split('/').Last()).ToList();
        Assert.Equal(["rare-book", "republican-doc", "newspaper", "local-history"], codes);
        await AssertEveryIdDereferencesAsync(top.RootElement);

        using var rare = await GetJsonAsync("/iiif/presentation/collection/rare-book");
        Assert.Empty(PresentationRules.Check(rare.RootElement));
        var manifest = rare.RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal($"{host.BaseUrl}/iiif/presentation/QY-RB-001/manifest", manifest.GetProperty("id").GetString());
        await AssertEveryIdDereferencesAsync(rare.RootElement);
    }

    [Fact]
    public async Task Canvases_and_annotations_are_served_at_their_ids()
    {
        using var doc = await GetJsonAsync("/iiif/presentation/QY-RB-001/manifest");
        var canvas = doc.RootElement.GetProperty("items")[1];
        var id = canvas.GetProperty("id").GetString()!;
        using var served = await GetJsonAsync(id);
        Assert.Equal(id, served.RootElement.GetProperty("id").GetString());
        Assert.Equal("Canvas", served.RootElement.GetProperty("type").GetString());
        Assert.Empty(PresentationRules.Check(served.RootElement));
        Assert.Equal(canvas.GetProperty("width").GetInt32(), served.RootElement.GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData("/iiif/presentation/NO-SUCH/manifest", HttpStatusCode.NotFound)]
    [InlineData("/iiif/presentation/QY-RB-001/canvas/p999", HttpStatusCode.NotFound)]
    [InlineData("/iiif/presentation/QY-RB-001/nothing", HttpStatusCode.NotFound)]
    [InlineData("/iiif/presentation/collection/maps", HttpStatusCode.NotFound)]
    [InlineData("/iiif/presentation/QY-RB-001/files/master/p001.jpg", HttpStatusCode.NotFound)] // only OCR and texts are served
    [InlineData("/iiif/presentation/QY-RB-001/files/text/..%2F..%2Finventory.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/presentation/QY_RB/manifest", HttpStatusCode.BadRequest)]
    public async Task Unknown_or_hostile_paths_are_client_errors(string url, HttpStatusCode expected)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Manifests_are_json_ld_when_asked_and_revalidate()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/iiif/presentation/QY-LH-003/manifest");
        request.Headers.TryAddWithoutValidation("Accept", "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/iiif/presentation/QY-LH-003/manifest");
        again.Headers.TryAddWithoutValidation("Accept", "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_home_page_links_every_item_to_its_manifest()
    {
        var home = await host.Client.GetStringAsync("/");
        foreach (var id in IiifHostFixture.SampleItems)
        {
            Assert.Contains($"id=\"{id}\"", home);
            Assert.Contains($"href=\"/iiif/presentation/{id}/manifest\"", home);
        }
    }

    private async Task AssertEveryIdDereferencesAsync(JsonElement document)
    {
        var ids = PresentationRules.Ids(document).Distinct().ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            Assert.StartsWith(host.BaseUrl, id);
            using var response = await host.Client.GetAsync(id.Split('#')[0]);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: {response.StatusCode}");
        }
    }
}
