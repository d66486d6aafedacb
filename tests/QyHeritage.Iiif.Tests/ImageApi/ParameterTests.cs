using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>The request grammar on its own: parse, print back, resolve against an image (https://iiif.io/api/image/3.0/#4-image-requests).</summary>
public class ParameterTests
{
    private static readonly ImageLimits Limits = new(3000, 4000, 9_000_000);

    [Theory]
    [InlineData("full")]
    [InlineData("square")]
    [InlineData("0,0,256,256")]
    [InlineData("125,15,120,140")]
    [InlineData("pct:41.6,7.5,40,70")]
    [InlineData("pct:0,0,100,100")]
    [InlineData("pct:0.25,1,99.75,0.5")]
    public void Regions_round_trip(string text) => Assert.Equal(text, RegionParameter.Parse(text).Get().ToString());

    [Theory]
    [InlineData("max")]
    [InlineData("^max")]
    [InlineData("150,")]
    [InlineData("^360,")]
    [InlineData(",150")]
    [InlineData("^,240")]
    [InlineData("pct:50")]
    [InlineData("pct:12.5")]
    [InlineData("^pct:120")]
    [InlineData("225,100")]
    [InlineData("^360,360")]
    [InlineData("!225,100")]
    [InlineData("^!360,360")]
    public void Sizes_round_trip(string text) => Assert.Equal(text, SizeParameter.Parse(text).Get().ToString());

    [Theory]
    [InlineData("0")]
    [InlineData("90")]
    [InlineData("22.5")]
    [InlineData("!0")]
    [InlineData("!180")]
    [InlineData("!22.5")]
    public void Rotations_round_trip(string text) => Assert.Equal(text, RotationParameter.Parse(text).Get().ToString());

    [Theory]
    [InlineData("region", "Full")]
    [InlineData("region", "0,0,256")]
    [InlineData("region", "0,0,256,256,1")]
    [InlineData("region", "-1,0,256,256")]
    [InlineData("region", "0,0,0,256")]
    [InlineData("region", "0.5,0,256,256")]
    [InlineData("region", "1e3,0,256,256")]
    [InlineData("region", "pct:10,10,0,10")]
    [InlineData("region", "pct:101,0,10,10")]
    [InlineData("region", "pct:.5,0,10,10")]
    [InlineData("region", "pct:5.,0,10,10")]
    [InlineData("region", " 0,0,1,1")]
    [InlineData("region", "0,0,１,1")] // full-width digit
    [InlineData("size", "full")]
    [InlineData("size", "")]
    [InlineData("size", "!150,")]
    [InlineData("size", "!,150")]
    [InlineData("size", ",")]
    [InlineData("size", "0,")]
    [InlineData("size", "150,0")]
    [InlineData("size", "pct:0")]
    [InlineData("size", "pct:101")]
    [InlineData("size", "pct:-5")]
    [InlineData("size", "^^max")]
    [InlineData("size", "1,2,3")]
    [InlineData("size", "1234567890,")]
    [InlineData("rotation", "-90")]
    [InlineData("rotation", "361")]
    [InlineData("rotation", "!!90")]
    [InlineData("rotation", "90!")]
    [InlineData("rotation", "")]
    [InlineData("rotation", "NaN")]
    public void Malformed_parameters_are_errors_that_name_the_parameter(string parameter, string text)
    {
        var error = parameter switch
        {
            "region" => RegionParameter.Parse(text).Error,
            "size" => SizeParameter.Parse(text).Error,
            _ => RotationParameter.Parse(text).Error,
        };
        Assert.NotNull(error);
        Assert.StartsWith(parameter + ":", error);
    }

    [Theory]
    [InlineData("default.jpg", null)]
    [InlineData("gray.webp", null)]
    [InlineData("bitonal.png", null)]
    [InlineData("color.tif", null)]
    [InlineData("default.gif", null)]
    [InlineData("grey.jpg", "quality")]
    [InlineData("Default.jpg", "quality")]
    [InlineData("default.jpeg", "format")]
    [InlineData("default.jp2", "format")]
    [InlineData("default", "format")]
    [InlineData("default.", "format")]
    public void Quality_and_format(string text, string? errorParameter)
    {
        var parsed = ImageRequest.Parse("full", "max", "0", text);
        if (errorParameter is null) Assert.Equal("full/max/0/" + text, parsed.Get().ToString());
        else Assert.StartsWith(errorParameter + ":", parsed.Error);
    }

    [Theory]
    // region, size, rotation → canonical, on a 1200×900 image
    [InlineData("full", "max", "0", "full/max/0/default.jpg")]
    [InlineData("0,0,1200,900", "1200,900", "360", "full/max/0/default.jpg")]
    [InlineData("pct:0,0,100,100", "pct:100", "0", "full/max/0/default.jpg")]
    [InlineData("square", "max", "0", "150,0,900,900/max/0/default.jpg")]
    [InlineData("full", "600,", "0", "full/600,450/0/default.jpg")]
    [InlineData("full", ",450", "0", "full/600,450/0/default.jpg")]
    [InlineData("full", "pct:50", "0", "full/600,450/0/default.jpg")]
    [InlineData("full", "!600,600", "0", "full/600,450/0/default.jpg")]
    [InlineData("full", "!2000,2000", "0", "full/max/0/default.jpg")]
    [InlineData("full", "^!2000,2000", "0", "full/^2000,1500/0/default.jpg")]
    [InlineData("1000,800,500,500", "max", "0", "1000,800,200,100/max/0/default.jpg")]
    [InlineData("pct:50,50,50,50", "100,", "!90", "600,450,600,450/100,75/!90/default.jpg")]
    [InlineData("full", "^max", "22.50", "full/^3000,2250/22.5/default.jpg")] // up to maxWidth
    public void Canonical_forms(string region, string size, string rotation, string canonical)
    {
        var plan = ImageRequest.Parse(region, size, rotation, "default.jpg").Get().Resolve(1200, 900, Limits);
        Assert.Equal(canonical, plan.Get().Canonical);
    }

    [Theory]
    [InlineData("1200,0,10,10", "max", "region")] // entirely outside
    [InlineData("0,900,10,10", "max", "region")]
    [InlineData("pct:100,0,10,10", "max", "region")]
    [InlineData("full", "1201,", "size")] // larger than the region without ^
    [InlineData("full", ",901", "size")]
    [InlineData("full", "1200,901", "size")]
    [InlineData("0,0,100,100", "101,100", "size")]
    [InlineData("full", "^3001,", "size")] // over maxWidth
    [InlineData("full", "^,4001", "size")] // over maxHeight
    [InlineData("full", "^3000,3001", "size")] // over maxArea
    [InlineData("full", "pct:0.01", "size")] // rounds to nothing
    public void Requests_that_do_not_fit_the_image_are_400s_naming_the_parameter(string region, string size, string parameter)
    {
        var plan = ImageRequest.Parse(region, size, "0", "default.jpg").Get().Resolve(1200, 900, Limits);
        Assert.False(plan.IsValid);
        Assert.Equal(400, plan.Status);
        Assert.StartsWith(parameter + ":", plan.Error);
    }

    [Fact]
    public void Max_and_confined_sizes_shrink_to_the_limits_instead_of_failing()
    {
        var small = new ImageLimits(1000, 1000, 500_000);
        var max = ImageRequest.Parse("full", "max", "0", "default.jpg").Get().Resolve(1200, 900, small).Get();
        Assert.True(small.Allows(max.Width, max.Height));
        Assert.InRange(max.Width / (double)max.Height, 1.32, 1.35);
        var confined = ImageRequest.Parse("full", "!1000,1000", "0", "default.jpg").Get().Resolve(1200, 900, small).Get();
        Assert.True(small.Allows(confined.Width, confined.Height));
    }

    [Theory]
    [InlineData("QY-RB-001~p001", true)]
    [InlineData("TEST-SYN-001~p0001", true)]
    [InlineData("QY-RB-001", false)]
    [InlineData("QY-RB-001~p01", false)]
    [InlineData("QY-RB-001%2Fp001", false)]
    [InlineData("QY-RB-001/p001", false)]
    [InlineData("..~p001", false)]
    [InlineData("-QY~p001", false)]
    [InlineData("QY_RB~p001", false)]
    [InlineData("QY-RB-001~p001~p002", false)]
    [InlineData("QY-RB-001~P001", false)]
    public void Identifiers(string text, bool valid)
    {
        var id = ImageIdentifier.Parse(text);
        Assert.Equal(valid, id.IsValid);
        if (valid) Assert.Equal(text, id.Get().ToString());
        else Assert.StartsWith("identifier:", id.Error);
    }
}
