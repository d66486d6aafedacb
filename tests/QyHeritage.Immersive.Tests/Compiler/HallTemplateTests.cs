using System.Text;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Tests.Compiler;

public class HallTemplateTests
{
    [Fact]
    public void The_shipped_templates_load_and_a_third_is_data_alone()
    {
        var all = HallTemplateJson.LoadFolder(HallFixture.TemplatesFolder);
        Assert.Equal(["beijiang-gallery", "tea-pavilion", "test-cube"], all.Keys);
        var tea = all["tea-pavilion"];
        Assert.Equal(["采摘", "萎凋", "揉捻", "发酵", "干燥"], tea.Panels.Select(p => p.Text.Zh));
        Assert.NotNull(all["beijiang-gallery"].Features.Timeline);
        Assert.NotNull(all["beijiang-gallery"].Features.FloorMap);
    }

    [Fact]
    public void A_template_with_a_slot_across_a_door_or_an_unknown_property_is_refused_with_the_place()
    {
        var text = File.ReadAllText(Path.Combine(HallFixture.TemplatesFolder, "test-cube.json"));
        var acrossDoor = text.Replace("\"doors\": [ { \"id\": \"door\", \"from\": 2.0, \"to\": 4.0, \"height\": 2.2 } ] }",
            "\"doors\": [ { \"id\": \"door\", \"from\": 2.0, \"to\": 4.0, \"height\": 2.2 } ], \"slots\": [ { \"from\": 0.2, \"to\": 5.8 } ] }");
        Assert.NotEqual(text, acrossDoor);
        var e = Assert.Throws<FormatException>(() => HallTemplateJson.Parse(Encoding.UTF8.GetBytes(acrossDoor), "bad.json"));
        Assert.Contains("overlaps door door", e.Message);

        var typo = text.Replace("\"wallHeight\"", "\"wallHieght\"");
        var e2 = Assert.Throws<FormatException>(() => HallTemplateJson.Parse(Encoding.UTF8.GetBytes(typo), "typo.json"));
        Assert.Contains("wallHieght", e2.Message);
    }
}
