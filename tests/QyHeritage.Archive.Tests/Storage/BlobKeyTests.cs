using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

public class BlobKeyTests
{
    [Theory]
    [InlineData("ocfl/QY-RB-001/inventory.json")]
    [InlineData("derivatives/QY-RB-001/p001.tif")]
    [InlineData("ocfl/QY-RB-001/v1/content/master/廣東通志.jpg")]
    [InlineData("a")]
    [InlineData("..a/b..")]
    public void Accepts_plain_relative_keys(string key)
    {
        Assert.True(BlobKey.TryParse(key, out var parsed, out var error), error);
        Assert.Equal(key, parsed.Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../etc/passwd", "'..'")]
    [InlineData("ocfl/../../etc/passwd", "'..'")]
    [InlineData("ocfl/./x", "'.'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("ocfl\\..\\x", "backslash")]
    [InlineData("ocfl/x\0.jpg", "NUL")]
    [InlineData("ocfl/x\n.jpg", "control")]
    [InlineData("ocfl//x", "empty segment")]
    [InlineData("ocfl/x/", "ends with")]
    [InlineData("C:/Windows", "drive")]
    [InlineData(".qytmp/x.tmp", "reserved")]
    public void Refuses_keys_that_could_escape_or_confuse_the_store(string key, string reasonPart)
    {
        Assert.False(BlobKey.TryParse(key, out _, out var error));
        Assert.Contains(reasonPart, error);
        var e = Assert.Throws<InvalidBlobKeyException>(() => BlobKey.Parse(key));
        Assert.Contains(reasonPart, e.Message);
    }

    [Fact]
    public void Refuses_text_that_is_not_valid_unicode()
    {
        var lone = "ocfl/" + (char)0xD800 + "x";
        Assert.False(BlobKey.TryParse(lone, out _, out var error));
        Assert.Contains("Unicode", error);
    }

    [Fact]
    public void Refuses_over_long_keys_and_segments()
    {
        Assert.False(BlobKey.TryParse(new string('a', 1025), out _, out _));
        Assert.False(BlobKey.TryParse("x/" + new string('清', 90), out _, out var error)); // 270 UTF-8 bytes
        Assert.Contains("255 bytes", error);
    }
}
