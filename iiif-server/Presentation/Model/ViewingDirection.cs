using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>The order of a Manifest's Canvases or a Range's items (https://iiif.io/api/presentation/3.0/#viewingdirection).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ViewingDirection>))]
public enum ViewingDirection
{
    [JsonStringEnumMemberName("left-to-right")] LeftToRight,
    /// <summary>Vertical Chinese books: columns and leaves run right to left.</summary>
    [JsonStringEnumMemberName("right-to-left")] RightToLeft,
    [JsonStringEnumMemberName("top-to-bottom")] TopToBottom,
    [JsonStringEnumMemberName("bottom-to-top")] BottomToTop,
}
