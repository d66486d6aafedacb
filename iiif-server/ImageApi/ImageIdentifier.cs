using System.Text.RegularExpressions;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// An image identifier: <c>{itemId}~{pNNN}</c>, e.g. <c>QY-RB-001~p001</c>. '~' is an unreserved
/// URI character that item ids never contain, so the identifier needs no escaping (an
/// <c>item/page</c> form would have to travel as <c>item%2Fpage</c>, which proxies and servers
/// mangle). It maps to the page's pyramid key without the catalog (<see cref="ArchiveKeys.Pyramid"/>).
/// Anything else, including escaped slashes and dot segments, is refused before storage is touched.
/// https://iiif.io/api/image/3.0/#3-identifier
/// </summary>
public sealed partial record ImageIdentifier(string ItemId, string PageName)
{
    public const char Separator = '~';

    public static Parsed<ImageIdentifier> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Parsed<ImageIdentifier>.Fail("identifier: missing");
        var m = Pattern().Match(text);
        if (!m.Success || !Item.IsValidId(m.Groups["item"].Value))
            return Parsed<ImageIdentifier>.Fail($"identifier: '{RegionParameter.Printable(text)}' is not ITEM-ID~pNNN (e.g. QY-RB-001~p001)");
        return Parsed<ImageIdentifier>.Ok(new ImageIdentifier(m.Groups["item"].Value, m.Groups["page"].Value));
    }

    public static ImageIdentifier For(string itemId, string pageName) => new(itemId, pageName);

    /// <summary>Where the page's pyramidal TIFF is.</summary>
    public BlobKey PyramidKey => ArchiveKeys.Pyramid(ItemId, PageName);

    public override string ToString() => $"{ItemId}{Separator}{PageName}";

    [GeneratedRegex(@"^(?<item>[A-Za-z0-9][A-Za-z0-9-]{0,63})~(?<page>p[0-9]{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
