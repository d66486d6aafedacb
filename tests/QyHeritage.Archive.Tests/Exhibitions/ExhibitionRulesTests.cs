using System.Text;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Archive.Tests.Exhibitions;

public class ExhibitionRulesTests
{
    [Fact]
    public void A_well_formed_exhibition_has_no_problems_and_round_trips_through_its_json()
    {
        var e = ExhibitionSamples.Rivers();
        Assert.Empty(ExhibitionRules.Check(e));
        var json = ExhibitionJson.ToJson(e);
        Assert.Contains("\"format\": \"qy-exhibition/1\"", json);
        Assert.Contains("\"region\": {", json);
        Assert.Contains("\"kind\": \"single\"", json);
        Assert.Contains("北江历史", json); // CJK kept readable in the preserved file
        Assert.DoesNotContain("isEmpty", json);
        Assert.DoesNotContain("coverExhibit", json);
        var (back, problem) = ExhibitionJson.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(problem);
        Assert.Equal(json, ExhibitionJson.ToJson(back!));
    }

    [Fact]
    public void Each_mistake_is_named_where_it_is_in_chinese_then_english()
    {
        var e = ExhibitionSamples.Rivers();
        var bad = e with
        {
            Id = "Rivers!",
            Hall = "",
            Cover = "nowhere",
            Sections =
            [
                e.Sections[0] with
                {
                    Exhibits =
                    [
                        e.Sections[0].Exhibits[0] with { Region = new PixelRegion(-1, 0, 0, 10), Label = new Bilingual("", "only English") },
                        e.Sections[0].Exhibits[1] with { Id = "zhen-gorge", Item = "QY RB 9", Page = 0 },
                        e.Sections[0].Exhibits[1] with
                        {
                            Id = "quiz",
                            Questions =
                            [
                                new TourQuestion(QuestionKind.Single, new Bilingual("哪两个？"), [new Bilingual("甲"), new Bilingual("乙")], [0, 1]),
                                new TourQuestion(QuestionKind.Multiple, new Bilingual("选"), [new Bilingual("甲")], [3]),
                                new TourQuestion(QuestionKind.Short, new Bilingual("为什么？"), [new Bilingual("甲")]),
                            ],
                        },
                    ],
                },
            ],
        };
        var problems = ExhibitionRules.Check(bad).ToDictionary(p => p.Path, p => p);
        Assert.Equal(
            new[]
            {
                "cover", "hall", "id",
                "sections[0].exhibits[0].label", "sections[0].exhibits[0].region",
                "sections[0].exhibits[1].id", "sections[0].exhibits[1].item", "sections[0].exhibits[1].page",
                "sections[0].exhibits[2].questions[0].answers", "sections[0].exhibits[2].questions[1].answers",
                "sections[0].exhibits[2].questions[1].choices", "sections[0].exhibits[2].questions[2]",
            },
            problems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("单选题恰有一个正确答案。", problems["sections[0].exhibits[2].questions[0].answers"].Zh);
        Assert.Equal("A single-choice question has exactly one right answer.", problems["sections[0].exhibits[2].questions[0].answers"].En);
        Assert.Equal("请填写中文展品说明牌。", problems["sections[0].exhibits[0].label"].Zh);
    }

    [Fact]
    public void A_document_that_is_not_an_exhibition_is_a_problem_not_an_exception()
    {
        var (e1, p1) = ExhibitionJson.Parse("{\"format\":\"qy-exhibition/1\",\"id\":\"x\",\"surprise\":1}"u8);
        Assert.Null(e1);
        Assert.StartsWith("不是有效的展览 JSON", p1!.Zh);
        var (_, p2) = ExhibitionJson.Parse("{\"format\":\"qy-exhibition/9\"}"u8);
        Assert.Equal("format", p2!.Path);
        var (_, p3) = ExhibitionJson.Parse("[1,2"u8);
        Assert.NotNull(p3);
        // Absent lists become empty ones: the rules then say what is missing.
        var (e4, p4) = ExhibitionJson.Parse("{\"format\":\"qy-exhibition/1\",\"id\":\"bare\"}"u8);
        Assert.Null(p4);
        Assert.Contains(ExhibitionRules.Check(e4!), p => p.Path == "title");
    }

    [Fact]
    public void Publishing_needs_pages_with_images_and_regions_inside_them()
    {
        var items = new Dictionary<string, CatalogEntry>
        {
            ["QY-RB-008"] = new(ExhibitionSamples.Item("QY-RB-008", 1) with { }, 1),
        };
        var e = ExhibitionSamples.Rivers();
        var wide = e with { Sections = [e.Sections[0] with { Exhibits = [e.Sections[0].Exhibits[0] with { Region = new PixelRegion(2000, 0, 500, 100) }, e.Sections[0].Exhibits[1]] }] };
        var problems = ExhibitionRules.CheckAgainstCatalog(wide, id => items.GetValueOrDefault(id));
        Assert.Equal(["sections[0].exhibits[0].region", "sections[0].exhibits[1].item"], problems.Select(p => p.Path));
        Assert.Contains("2400×3400", problems[0].Zh);
        Assert.Contains(ExhibitionRules.CheckAgainstCatalog(e with { Sections = [] }, _ => null), p => p.En.Contains("at least one exhibit"));
    }
}
