using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Exhibitions;

namespace QyHeritage.Web.Tests.Workshop;

/// <summary>
/// The curator's workshop API against the real host (two sample items, the exhibition fixture's store): who may call it,
/// the edit cycle (create, autosave, version, publish, unpublish), the 409 on a stale save with the other's change,
/// bad input answered in both languages with the right status, delete that hides and the admin's purge, history and restore.
/// </summary>
public class WorkshopApiTests(ExhibitionSite site) : IClassFixture<ExhibitionSite>
{
    private const string Api = "/api/workshop/exhibitions";

    private static JsonObject NewExhibition(string id) => new()
    {
        ["id"] = id,
        ["title"] = new JsonObject { ["zh"] = "清远茶文化", ["en"] = "Tea culture of Qingyuan" },
        ["hall"] = ExhibitionHalls.TeaPavilion,
    };

    private static async Task<JsonObject> JsonOf(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();

    private static async Task<(JsonObject Exhibition, string Revision)> OpenAsync(HttpClient client, string id)
    {
        using var r = await client.GetAsync($"{Api}/{id}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await JsonOf(r);
        Assert.Equal($"\"{body["revision"]!.GetValue<string>()}\"", r.Headers.ETag?.Tag);
        return (body["exhibition"]!.AsObject(), body["revision"]!.GetValue<string>());
    }

    private static JsonObject Exhibit(string id, string item, int page, string label, PixelRegion? region = null) => new()
    {
        ["id"] = id,
        ["item"] = item,
        ["page"] = page,
        ["region"] = region is null ? null : new JsonObject { ["x"] = region.X, ["y"] = region.Y, ["w"] = region.W, ["h"] = region.H },
        ["label"] = new JsonObject { ["zh"] = label, ["en"] = "" },
    };

    private static Task<HttpResponseMessage> PutDraftAsync(HttpClient client, string id, string revision, JsonObject exhibition) =>
        client.PutAsJsonAsync($"{Api}/{id}/draft", new JsonObject { ["base"] = revision, ["exhibition"] = exhibition.DeepClone() });

    [Fact]
    public async Task Anonymous_callers_get_401_from_every_workshop_api_and_the_sign_in_form_for_its_pages()
    {
        using var anonymous = StaffSession.NewClient(site.Host);
        foreach (var (method, path) in new[]
        {
            ("GET", Api), ("POST", Api), ("GET", $"{Api}/{ExhibitionSite.Id}"), ("PUT", $"{Api}/{ExhibitionSite.Id}/draft"),
            ("POST", $"{Api}/{ExhibitionSite.Id}/versions"), ("POST", $"{Api}/{ExhibitionSite.Id}/publish"), ("POST", $"{Api}/{ExhibitionSite.Id}/unpublish"),
            ("DELETE", $"{Api}/{ExhibitionSite.Id}"), ("POST", $"{Api}/{ExhibitionSite.Id}/purge"), ("GET", $"{Api}/{ExhibitionSite.Id}/history"),
            ("POST", $"{Api}/{ExhibitionSite.Id}/restore"), ("POST", $"{Api}/{ExhibitionSite.Id}/exhibits/gorge/take-newer"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var r = await anonymous.SendAsync(request);
            Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"anonymous {method} {path}: {(int)r.StatusCode}");
            Assert.Contains("需要登录", await r.Content.ReadAsStringAsync());
        }
        foreach (var path in new[] { "/workshop", $"/workshop/exhibitions/{ExhibitionSite.Id}", $"/workshop/exhibitions/{ExhibitionSite.Id}/preview" })
        {
            using var r = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/account/signin?returnUrl=", r.Headers.Location!.OriginalString);
        }
        // A guide is staff but not a curator.
        using var guide = await StaffSession.SignedInAsync(site.Host, "guide");
        using (var r = await guide.GetAsync(Api)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await guide.PostAsJsonAsync(Api, NewExhibition("guide-made"))) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        // A curator's state change without the anti-forgery header is refused.
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        curator.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        using (var r = await curator.PostAsJsonAsync(Api, NewExhibition("no-token")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("防伪令牌", await r.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Create_autosave_save_a_version_and_publish_then_a_stale_save_gets_409_with_the_other_curators_change()
    {
        using var li = await StaffSession.SignedInAsync(site.Host, "curator", "curator-li");
        using var wang = await StaffSession.SignedInAsync(site.Host, "curator", "curator-wang");
        using (var created = await li.PostAsJsonAsync(Api, NewExhibition("tea-culture")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/workshop/exhibitions/tea-culture", created.Headers.Location!.OriginalString);
        }
        var (exhibition, revision) = await OpenAsync(li, "tea-culture");
        Assert.Equal("1", revision);

        // Li autosaves a section with two exhibits (one a region); a draft is not checked strictly.
        exhibition["sections"] = new JsonArray(new JsonObject
        {
            ["id"] = "chashan",
            ["title"] = new JsonObject { ["zh"] = "湞陽茶山", ["en"] = "The Tea Mountain" },
            ["exhibits"] = new JsonArray(Exhibit("tea-mountain", "QY-LH-002", 1, "湞陽县北五里有茶山", ExhibitionSite.TeaRegion), Exhibit("gorge", "QY-RB-008", 1, "")),
        });
        string liRevision;
        using (var saved = await PutDraftAsync(li, "tea-culture", revision, exhibition))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var body = await JsonOf(saved);
            liRevision = body["revision"]!.GetValue<string>();
            Assert.NotEqual(revision, liRevision);
            Assert.True(body["fromDraft"]!.GetValue<bool>());
            // The empty label is kept in the draft, and said.
            Assert.Contains("sections[0].exhibits[1].label", body["problems"]!.ToJsonString());
        }

        // Wang opened the exhibition before Li's autosave and now saves: refused, with Li's change shown.
        using (var stale = await PutDraftAsync(wang, "tea-culture", revision, NewExhibition("tea-culture").Also(e => { e["format"] = ExhibitionJson.Format; e["sections"] = new JsonArray(); })))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var body = await JsonOf(stale);
            Assert.Equal("curator-li", body["changedBy"]!.GetValue<string>());
            Assert.Equal(liRevision, body["revision"]!.GetValue<string>());
            Assert.StartsWith("curator-li 已于", body["errorZh"]!.GetValue<string>());
            Assert.Contains("not to overwrite", body["errorEn"]!.GetValue<string>());
            Assert.Equal("湞陽县北五里有茶山", body["exhibition"]!["sections"]![0]!["exhibits"]![0]!["label"]!["zh"]!.GetValue<string>());
        }
        // Li's draft is what anyone opens now (nothing of Wang's was written).
        var (current, currentRevision) = await OpenAsync(wang, "tea-culture");
        Assert.Equal(liRevision, currentRevision);
        Assert.Equal(2, current["sections"]![0]!["exhibits"]!.AsArray().Count);

        // A version needs every label: refused with the problem's path, in both languages.
        using (var refused = await li.PostAsJsonAsync($"{Api}/tea-culture/versions", new JsonObject { ["base"] = liRevision, ["exhibition"] = current.DeepClone() }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await JsonOf(refused);
            Assert.Contains("展品说明牌", body["errorZh"]!.GetValue<string>());
            Assert.Equal("sections[0].exhibits[1].label", body["problems"]![0]!["path"]!.GetValue<string>());
        }
        current["sections"]![0]!["exhibits"]![1]!["label"]!["zh"] = "溱水南入湞陽县";
        string versionRevision;
        using (var version = await li.PostAsJsonAsync($"{Api}/tea-culture/versions", new JsonObject { ["base"] = liRevision, ["exhibition"] = current.DeepClone(), ["message"] = "two exhibits" }))
        {
            Assert.Equal(HttpStatusCode.OK, version.StatusCode);
            var body = await JsonOf(version);
            Assert.Equal(2, body["headVersion"]!.GetValue<int>());
            Assert.False(body["fromDraft"]!.GetValue<bool>());
            versionRevision = body["revision"]!.GetValue<string>();
        }
        // Publishing from a stale revision is refused too; from the current one it is published and public.
        using (var stale = await li.PostAsJsonAsync($"{Api}/tea-culture/publish", new JsonObject { ["base"] = liRevision }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using (var published = await li.PostAsJsonAsync($"{Api}/tea-culture/publish", new JsonObject { ["base"] = versionRevision }))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            Assert.Equal(3, (await JsonOf(published))["publishedVersion"]!.GetValue<int>());
        }
        var story = await site.Host.Client.GetStringAsync("/exhibitions/tea-culture");
        Assert.Contains($"/iiif/3/QY-LH-002~p001/{ExhibitionSite.TeaRegion.ToIiif()}/", story);

        // The list says who changed it last.
        using (var list = await wang.GetAsync(Api))
        {
            var row = (await JsonOf(list))["exhibitions"]!.AsArray().Single(x => x!["id"]!.GetValue<string>() == "tea-culture")!;
            Assert.Equal("curator-li", row["changedBy"]!.GetValue<string>());
            Assert.Equal(3, row["publishedVersion"]!.GetValue<int>());
        }
        using (var unpublished = await wang.PostAsync($"{Api}/tea-culture/unpublish", null))
            Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        using (var gone = await site.Host.Client.GetAsync("/exhibitions/tea-culture")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // History: who and when for each version; restoring version 1 makes version 5 with no sections.
        using (var history = await li.GetAsync($"{Api}/tea-culture/history"))
        {
            var versions = (await JsonOf(history))["versions"]!.AsArray();
            Assert.Equal(["create", "two exhibits", "publish", "unpublish"], versions.Select(v => v!["message"]!.GetValue<string>()));
            Assert.Equal("curator-wang", versions[3]!["userName"]!.GetValue<string>());
        }
        using (var restored = await li.PostAsJsonAsync($"{Api}/tea-culture/restore", new JsonObject { ["version"] = 1 }))
            Assert.Equal(5, (await JsonOf(restored))["headVersion"]!.GetValue<int>());
        Assert.Empty((await OpenAsync(li, "tea-culture")).Exhibition["sections"]!.AsArray());
        using (var missing = await li.PostAsJsonAsync($"{Api}/tea-culture/restore", new JsonObject { ["version"] = 42 }))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Taking_the_newer_item_version_repins_one_exhibit_of_the_published_copy()
    {
        using var li = await StaffSession.SignedInAsync(site.Host, "curator", "curator-pin");
        using (var created = await li.PostAsJsonAsync(Api, NewExhibition("pin-one"))) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (exhibition, revision) = await OpenAsync(li, "pin-one");
        exhibition["sections"] = new JsonArray(new JsonObject
        {
            ["id"] = "only",
            ["title"] = new JsonObject { ["zh"] = "一室", ["en"] = "One room" },
            ["exhibits"] = new JsonArray(Exhibit("gorge", "QY-RB-008", 1, "溱水", ExhibitionSite.GorgeRegion), Exhibit("tea", "QY-LH-002", 1, "茶山")),
        });
        using (var v = await li.PostAsJsonAsync($"{Api}/pin-one/versions", new JsonObject { ["base"] = revision, ["exhibition"] = exhibition.DeepClone() }))
            revision = (await JsonOf(v))["revision"]!.GetValue<string>();
        using (var p = await li.PostAsJsonAsync($"{Api}/pin-one/publish", new JsonObject { ["base"] = revision }))
            revision = (await JsonOf(p))["revision"]!.GetValue<string>();
        Assert.DoesNotContain(ExhibitionSite.RightsCheckedAgain, await site.Host.Client.GetStringAsync("/exhibitions/pin-one"));

        await site.ReingestWithNewRightsAsync("QY-RB-008");
        using (var open = await li.GetAsync($"{Api}/pin-one"))
        {
            var newer = (await JsonOf(open))["newerItemVersions"]!.AsArray().Single()!;
            Assert.Equal(("gorge", "QY-RB-008", 1, 2), (newer["exhibitId"]!.GetValue<string>(), newer["item"]!.GetValue<string>(), newer["pinned"]!.GetValue<int>(), newer["current"]!.GetValue<int>()));
        }
        // Refused, in both languages: no base, a stale base, an exhibit the published copy does not show.
        using (var noBase = await li.PostAsJsonAsync($"{Api}/pin-one/exhibits/gorge/take-newer", new JsonObject()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noBase.StatusCode);
            Assert.Contains("base", (await JsonOf(noBase))["errorEn"]!.GetValue<string>());
        }
        using (var stale = await li.PostAsJsonAsync($"{Api}/pin-one/exhibits/gorge/take-newer", new JsonObject { ["base"] = "1" }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using (var missing = await li.PostAsJsonAsync($"{Api}/pin-one/exhibits/no-such/take-newer", new JsonObject { ["base"] = revision }))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var body = await JsonOf(missing);
            Assert.Contains("没有展品 no-such", body["errorZh"]!.GetValue<string>());
            Assert.Contains("shows no exhibit no-such", body["errorEn"]!.GetValue<string>());
        }
        using (var taken = await li.PostAsJsonAsync($"{Api}/pin-one/exhibits/gorge/take-newer", new JsonObject { ["base"] = revision }))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            var body = await JsonOf(taken);
            Assert.Empty(body["newerItemVersions"]!.AsArray());
            Assert.Equal(body["headVersion"]!.GetValue<int>(), body["publishedVersion"]!.GetValue<int>());
        }
        // The story shows the newer record for that exhibit; the history says who took what.
        Assert.Contains(ExhibitionSite.RightsCheckedAgain, await site.Host.Client.GetStringAsync("/exhibitions/pin-one"));
        using (var history = await li.GetAsync($"{Api}/pin-one/history"))
            Assert.Equal("take QY-RB-008 v2 for gorge", (await JsonOf(history))["versions"]!.AsArray()[^1]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_answered_in_both_languages_with_its_status_never_a_500()
    {
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        using (var r = await curator.PostAsJsonAsync(Api, NewExhibition("bad-input"))) Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var (exhibition, revision) = await OpenAsync(curator, "bad-input");

        async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> call, string zh)
        {
            using var r = await call;
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(status == r.StatusCode, $"{(int)r.StatusCode} {text}");
            var body = JsonNode.Parse(text)!;
            Assert.Contains(zh, body["errorZh"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(body["errorEn"]!.GetValue<string>()));
        }

        await Expect(HttpStatusCode.BadRequest, curator.PostAsJsonAsync(Api, NewExhibition("Bad Id")), "展览编号");
        await Expect(HttpStatusCode.BadRequest, curator.PostAsJsonAsync(Api, NewExhibition("no-title").Also(e => e["title"] = new JsonObject { ["zh"] = "", ["en"] = "x" })), "展览标题");
        await Expect(HttpStatusCode.Conflict, curator.PostAsJsonAsync(Api, NewExhibition("bad-input")), "已被使用");
        await Expect(HttpStatusCode.BadRequest, curator.PostAsync(Api, new StringContent("{not json", Encoding.UTF8, "application/json")), "JSON");
        await Expect(HttpStatusCode.NotFound, curator.GetAsync($"{Api}/no-such-thing"), "没有编号");
        await Expect(HttpStatusCode.NotFound, curator.GetAsync($"{Api}/NOT_A_SLUG"), "没有编号");
        await Expect(HttpStatusCode.NotFound, PutDraftAsync(curator, "no-such-thing", "1", exhibition.DeepClone().AsObject().Also(e => e["id"] = "no-such-thing")), "没有编号");
        await Expect(HttpStatusCode.BadRequest, PutDraftAsync(curator, "bad-input", revision, exhibition.DeepClone().AsObject().Also(e => e["id"] = "other")), "不符");
        await Expect(HttpStatusCode.BadRequest, PutDraftAsync(curator, "bad-input", revision, exhibition.DeepClone().AsObject().Also(e => e["colour"] = "red")), "不是有效的展览");
        await Expect(HttpStatusCode.BadRequest, curator.PutAsJsonAsync($"{Api}/bad-input/draft", new JsonObject { ["exhibition"] = exhibition.DeepClone() }), "base");
        var huge = new string('a', WorkshopLimits.MaxBodyBytes + 100);
        await Expect(HttpStatusCode.RequestEntityTooLarge, PutDraftAsync(curator, "bad-input", revision, exhibition.DeepClone().AsObject().Also(e => e["introduction"] = new JsonObject { ["zh"] = huge, ["en"] = "" })), "过大");
        // Publishing what the catalogue cannot show: nothing to show, then a page that does not exist.
        await Expect(HttpStatusCode.BadRequest, curator.PostAsJsonAsync($"{Api}/bad-input/publish", new JsonObject { ["base"] = revision }), "至少要有一件展品");
        exhibition["sections"] = new JsonArray(new JsonObject
        {
            ["id"] = "s", ["title"] = new JsonObject { ["zh"] = "单元", ["en"] = "" },
            ["exhibits"] = new JsonArray(Exhibit("nowhere", "QY-RB-008", 99, "无此页"), Exhibit("outside", "QY-LH-002", 1, "区域越界", new PixelRegion(0, 0, 999_999, 10))),
        });
        string saved;
        using (var r = await curator.PostAsJsonAsync($"{Api}/bad-input/versions", new JsonObject { ["base"] = revision, ["exhibition"] = exhibition.DeepClone() }))
            saved = (await JsonOf(r))["revision"]!.GetValue<string>();
        using (var r = await curator.PostAsJsonAsync($"{Api}/bad-input/publish", new JsonObject { ["base"] = saved }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var paths = (await JsonOf(r))["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();
            Assert.Contains(paths, p => p.StartsWith("sections[0].exhibits[0]", StringComparison.Ordinal));
            Assert.Contains(paths, p => p.StartsWith("sections[0].exhibits[1]", StringComparison.Ordinal));
        }
        await Expect(HttpStatusCode.BadRequest, curator.PostAsJsonAsync($"{Api}/bad-input/publish", new JsonObject()), "base");
    }

    [Fact]
    public async Task Delete_hides_the_exhibition_but_keeps_its_object_and_only_an_admin_purges_it()
    {
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        using var admin = await StaffSession.AdminAsync(site.Host);
        using (var r = await curator.PostAsJsonAsync(Api, NewExhibition("to-delete"))) Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var (exhibition, revision) = await OpenAsync(curator, "to-delete");
        exhibition["sections"] = new JsonArray(new JsonObject
        {
            ["id"] = "s", ["title"] = new JsonObject { ["zh"] = "单元", ["en"] = "" }, ["exhibits"] = new JsonArray(Exhibit("one", "QY-RB-008", 1, "一")),
        });
        using (var r = await curator.PostAsJsonAsync($"{Api}/to-delete/versions", new JsonObject { ["base"] = revision, ["exhibition"] = exhibition.DeepClone() }))
            revision = (await JsonOf(r))["revision"]!.GetValue<string>();
        using (var r = await curator.PostAsJsonAsync($"{Api}/to-delete/publish", new JsonObject { ["base"] = revision })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Host.Client.GetAsync("/exhibitions/to-delete")).StatusCode);

        // A purge before a delete is refused; a curator cannot purge at all.
        using (var r = await admin.PostAsync($"{Api}/to-delete/purge", null)) Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (var r = await curator.DeleteAsync($"{Api}/to-delete")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        // Gone from the public pages, the manifest, the workshop list and the editor; the OCFL object keeps every version.
        Assert.Equal(HttpStatusCode.NotFound, (await site.Host.Client.GetAsync("/exhibitions/to-delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Host.Client.GetAsync("/iiif/presentation/exhibitions/to-delete/manifest")).StatusCode);
        Assert.DoesNotContain("to-delete", await site.Host.Client.GetStringAsync("/exhibitions"));
        using (var list = await curator.GetAsync(Api)) Assert.DoesNotContain("\"to-delete\"", await list.Content.ReadAsStringAsync());
        using (var r = await curator.GetAsync($"{Api}/to-delete")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await curator.GetAsync("/workshop/exhibitions/to-delete")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await curator.PostAsJsonAsync(Api, NewExhibition("to-delete"))) Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var objectRoot = Path.Combine(site.Host.DataFolder, "store", "ocfl", ExhibitionObjectId.For("to-delete"));
        var inventory = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(objectRoot, "inventory.json")))!;
        Assert.Equal("v4", inventory["head"]!.GetValue<string>());
        Assert.Equal("delete", inventory["versions"]!["v4"]!["message"]!.GetValue<string>());

        using (var r = await curator.PostAsync($"{Api}/to-delete/purge", null)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.True(Directory.Exists(objectRoot));
        using (var r = await admin.PostAsync($"{Api}/to-delete/purge", null)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.False(File.Exists(Path.Combine(objectRoot, "inventory.json")));
        using (var r = await admin.PostAsync($"{Api}/to-delete/purge", null)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        // The id is free again.
        using (var r = await curator.PostAsJsonAsync(Api, NewExhibition("to-delete"))) Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    [Fact]
    public async Task A_hostile_label_is_kept_as_typed_and_shown_as_text_on_the_public_page_the_manifest_and_the_workshop()
    {
        using var curator = await StaffSession.SignedInAsync(site.Host, "curator");
        var create = NewExhibition("hostile-label");
        create["title"] = new JsonObject { ["zh"] = ExhibitionSite.Hostile, ["en"] = "" };
        using (var r = await curator.PostAsJsonAsync(Api, create)) Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var (exhibition, revision) = await OpenAsync(curator, "hostile-label");
        exhibition["sections"] = new JsonArray(new JsonObject
        {
            ["id"] = "s", ["title"] = new JsonObject { ["zh"] = "<script>alert(3)</script>", ["en"] = "" },
            ["exhibits"] = new JsonArray(Exhibit("one", "QY-RB-008", 1, ExhibitionSite.Hostile, ExhibitionSite.GorgeRegion)),
        });
        using (var r = await curator.PostAsJsonAsync($"{Api}/hostile-label/versions", new JsonObject { ["base"] = revision, ["exhibition"] = exhibition.DeepClone() }))
            revision = (await JsonOf(r))["revision"]!.GetValue<string>();
        using (var r = await curator.PostAsJsonAsync($"{Api}/hostile-label/publish", new JsonObject { ["base"] = revision })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        // Stored exactly as typed.
        Assert.Equal(ExhibitionSite.Hostile, (await OpenAsync(curator, "hostile-label")).Exhibition["sections"]![0]!["exhibits"]![0]!["label"]!["zh"]!.GetValue<string>());
        const string Escaped = "&lt;img src=x onerror=alert(1)&gt;";
        foreach (var (client, path) in new[] { (site.Host.Client, "/exhibitions/hostile-label"), (site.Host.Client, "/exhibitions"), (curator, "/workshop"), (curator, "/workshop/exhibitions/hostile-label"), (curator, "/workshop/exhibitions/hostile-label/preview") })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<script>alert(3)", html);
            Assert.Contains(Escaped, html);
        }
        // In the manifest the label is a JSON string: the same text, which viewers show as text.
        var manifest = JsonNode.Parse(await site.Host.Client.GetStringAsync("/iiif/presentation/exhibitions/hostile-label/manifest"))!;
        Assert.Equal(ExhibitionSite.Hostile, manifest["items"]![0]!["label"]!.AsObject().Select(kv => kv.Value![0]!.GetValue<string>()).First());
    }
}

internal static class JsonObjectExtensions
{
    /// <summary>Changes a JSON object in place and returns it (for one-line variations of a request).</summary>
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}

internal static class WorkshopLimits
{
    public const int MaxBodyBytes = QyHeritage.Web.Features.Workshop.WorkshopApi.MaxBodyBytes;
}
