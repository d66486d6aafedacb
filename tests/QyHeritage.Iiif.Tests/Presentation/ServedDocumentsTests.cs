using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;
using Range = QyHeritage.Iiif.Presentation.Model.Range;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>
/// Every manifest and collection the app serves for the whole sample, read back through the typed model
/// (parse, write, equal JSON); the bilingual description and the structure (Ranges) a reader sees.
/// </summary>
public sealed class ServedDocumentsTests(WholeSampleFixture host) : IClassFixture<WholeSampleFixture>
{
    private async Task<string> GetAsync(string url)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        return body;
    }

    /// <summary>Parses the served JSON into <typeparamref name="T"/>, writes it again, and asserts the two are the same JSON.</summary>
    private static T AssertRoundTrips<T>(string url, string served) where T : Resource
    {
        var parsed = PresentationJson.Parse<T>(served);
        Assert.True(parsed.IsValid, $"{url}: {parsed.Error}");
        var written = PresentationJson.Write(parsed.Get());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(written)), $"{url} does not round-trip:\nserved  {served}\nwritten {written}");
        return parsed.Get();
    }

    [Fact]
    public async Task Every_served_manifest_and_collection_round_trips_through_the_typed_model()
    {
        var top = AssertRoundTrips<Collection>("top", await GetAsync("/iiif/presentation/collection/top"));
        var manifests = new List<string>();
        foreach (var sub in top.Items!.Cast<Collection>())
        {
            var collection = AssertRoundTrips<Collection>(sub.Id!, await GetAsync(sub.Id!));
            Assert.Equal(sub.Label!.Languages, collection.Label!.Languages);
            manifests.AddRange(collection.Items!.Cast<Manifest>().Select(m => m.Id!));
        }
        Assert.Equal(host.ItemIds.Count, manifests.Count);
        Assert.Equal(host.ItemIds, manifests.Select(m => m.Split('/')[^2]).Order(StringComparer.Ordinal));

        var ranges = 0;
        foreach (var id in manifests)
        {
            var manifest = AssertRoundTrips<Manifest>(id, await GetAsync(id));
            Assert.Empty(PresentationRules.Check(JsonDocument.Parse(PresentationJson.Write(manifest)).RootElement));
            // Each Range is served at its id, and round-trips too.
            foreach (var range in All(manifest.Structures ?? []))
            {
                AssertRoundTrips<Range>(range.Id!, await GetAsync(range.Id!));
                ranges++;
            }
        }
        Assert.True(ranges > 0, "no manifest has a structure");
        AssertRoundTrips<Agent>("provider", await GetAsync("/iiif/presentation/provider"));
    }

    [Fact]
    public async Task Every_served_manifest_collection_and_exhibition_passes_the_IIIF_presentation_validator_schema()
    {
        var documents = new Dictionary<string, string>();
        async Task<T> AddAsync<T>(string url) where T : Resource
        {
            var json = await GetAsync(url);
            documents[url] = json;
            return PresentationJson.Parse<T>(json).Get();
        }

        var top = await AddAsync<Collection>("/iiif/presentation/collection/top");
        foreach (var sub in top.Items!.Cast<Collection>())
            foreach (var manifest in (await AddAsync<Collection>(sub.Id!)).Items!.Cast<Manifest>())
                await AddAsync<Manifest>(manifest.Id!);
        Assert.Equal(host.ItemIds.Count + top.Items!.Count + 1, documents.Count);

        // The two shipped exhibitions, published as the first start does, as the host serves them.
        var archive = host.Services.GetRequiredService<ArchiveServices>();
        var installed = await ShippedExhibitions.InstallAsync(new ExhibitionStore(archive), archive.Catalog, Path.Combine(TestPaths.RepoRoot, "assets", "exhibitions"));
        Assert.Empty(installed.Problems);
        Assert.Equal(["beijiang-history", "qingyuan-tea"], installed.Published);
        foreach (var id in installed.Published) await AddAsync<Manifest>($"/iiif/presentation/exhibitions/{id}/manifest");
        // And one with a region-less exhibit and a hostile label (the builder's own test exhibition).
        documents["hostile exhibition"] = PresentationJson.Write(ExhibitionManifestBuilder.Build(ExhibitionManifestTests.Published(), new PresentationUrls("https://heritage.example"), new ImageLimits(4000, 4000, 16_000_000)));

        var problems = await IiifSchemaValidator.ProblemsAsync(documents);
        Assert.True(problems.Length == 0, $"the IIIF presentation validator's schema rejects:\n{problems}");
    }

    [Fact]
    public async Task The_schema_check_catches_what_the_official_validator_does()
    {
        // Sanity of the check itself: a served manifest with an https Creative Commons URI as rights (the validator
        // knows only the http forms the licences are named by) and a label that is a plain string is refused, with
        // the validator's words for both.
        var json = JsonNode.Parse(await GetAsync($"/iiif/presentation/{host.ItemIds[0]}/manifest"))!;
        json["rights"] = "https://creativecommons.org/licenses/by-sa/4.0/";
        json["label"] = "not a language map";
        var problems = await IiifSchemaValidator.ProblemsAsync(new Dictionary<string, string> { ["broken"] = json.ToJsonString() });
        Assert.Contains(".rights should match pattern \\\"http://creativecommons.org/licenses/.*\\\"", problems);
        Assert.Contains(".label should be object", problems);
    }

    [Fact]
    public async Task A_rare_book_is_described_in_chinese_and_english_with_its_dynasty()
    {
        var m = PresentationJson.Parse<Manifest>(await GetAsync("/iiif/presentation/QY-RB-001/manifest")).Get();
        Assert.StartsWith("廣東通志 卷四 疆域志·廣州府清遠縣 · 郝玉麟 監修", m.Summary![LanguageMap.Traditional].Single());
        Assert.StartsWith("Boundaries and distances of 清遠縣", m.Summary[LanguageMap.English].Single());
        var period = m.Metadata!.Single(e => e.Label[LanguageMap.English].Single() == "Dynasty or period").Value;
        Assert.Equal(["清"], period[LanguageMap.Traditional]);
        Assert.Equal(["Qing"], period[LanguageMap.English]);
        Assert.Equal(1731, m.NavDate!.Value.Year);

        var essay = PresentationJson.Parse<Manifest>(await GetAsync("/iiif/presentation/QY-RD-001/manifest")).Get();
        var republic = essay.Metadata!.Single(e => e.Label[LanguageMap.English].Single() == "Dynasty or period").Value;
        Assert.Equal(["中華民國"], republic[LanguageMap.Traditional]);
        Assert.Equal(["Republic of China"], republic[LanguageMap.English]);
    }

    [Fact]
    public async Task A_gazetteer_juan_has_its_section_and_the_headings_of_its_text_as_ranges()
    {
        var m = PresentationJson.Parse<Manifest>(await GetAsync("/iiif/presentation/QY-RB-001/manifest")).Get();
        var juan = Assert.Single(m.Structures!);
        Assert.Equal(["廣東通志 卷四"], juan.Label![LanguageMap.Traditional]);
        Assert.Equal(["Juan 4"], juan.Label[LanguageMap.English]);
        var section = Assert.IsType<Range>(Assert.Single(juan.Items!));
        Assert.Equal(["疆域志·廣州府清遠縣"], section.Label![LanguageMap.Traditional]);
        Assert.Equal(["Territory: Qingyuan county, Guangzhou prefecture"], section.Label[LanguageMap.English]);
        // p003's sixth column is the heading 形勝: the county text runs p001–p003, 形勝 p003–p004.
        Assert.Equal(["p001", "p002", "p003"], section.Items!.OfType<Canvas>().Select(c => c.Id!.Split('/')[^1]));
        var xingSheng = section.Items!.OfType<Range>().Single();
        Assert.Equal(["形勝"], xingSheng.Label![LanguageMap.Traditional]);
        Assert.Equal(["p003", "p004"], xingSheng.Items!.Cast<Canvas>().Select(c => c.Id!.Split('/')[^1]));
        // Every canvas a Range names is a canvas of the manifest.
        var canvases = m.Items!.Select(c => c.Id).ToHashSet();
        Assert.All(All(m.Structures!).SelectMany(r => r.Items!.OfType<Canvas>()), c => Assert.Contains(c.Id, canvases));
    }

    [Fact]
    public async Task A_newspaper_page_lists_its_articles_and_a_wikipedia_excerpt_its_sections()
    {
        var paper = PresentationJson.Parse<Manifest>(await GetAsync("/iiif/presentation/QY-NP-001/manifest")).Get();
        var issue = Assert.Single(paper.Structures!);
        Assert.Equal(["略談香港（續）", "鄉邦文獻"], issue.Items!.Cast<Range>().Select(a => a.Label![LanguageMap.Traditional].Single()));
        Assert.All(issue.Items!.Cast<Range>(), a => Assert.EndsWith("/canvas/p001", Assert.IsType<Canvas>(Assert.Single(a.Items!)).Id));

        var wiki = PresentationJson.Parse<Manifest>(await GetAsync("/iiif/presentation/QY-LH-003/manifest")).Get();
        var article = Assert.Single(wiki.Structures!);
        Assert.Contains("干流概况", article.Items!.OfType<Range>().Select(r => r.Label![LanguageMap.Simplified].Single()));
    }

    private static IEnumerable<Range> All(IEnumerable<Range> ranges) =>
        ranges.SelectMany(r => new[] { r }.Concat(All(r.Items?.OfType<Range>() ?? [])));
}
