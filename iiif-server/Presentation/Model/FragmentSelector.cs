using System.Globalization;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A Media Fragments selector (https://www.w3.org/TR/annotation-model/#fragment-selector, as
/// https://iiif.io/api/presentation/3.0/#57-content-resources uses it): <c>xywh=x,y,w,h</c> on a Canvas.
/// </summary>
public sealed record FragmentSelector() : Selector(nameof(FragmentSelector))
{
    public const string MediaFragments = "http://www.w3.org/TR/media-frags/";

    public string? ConformsTo { get; init; }

    public string? Value { get; init; }

    /// <summary>The rectangle x, y, w, h of a Canvas, in its coordinates.</summary>
    public static FragmentSelector Rectangle(int x, int y, int w, int h) => new()
    {
        ConformsTo = MediaFragments,
        Value = string.Create(CultureInfo.InvariantCulture, $"xywh={x},{y},{w},{h}"),
    };
}
