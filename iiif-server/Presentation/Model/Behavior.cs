using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>How a client presents a resource (https://iiif.io/api/presentation/3.0/#behavior); only the spec's values are read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Behavior>))]
public enum Behavior
{
    [JsonStringEnumMemberName("auto-advance")] AutoAdvance,
    [JsonStringEnumMemberName("no-auto-advance")] NoAutoAdvance,
    [JsonStringEnumMemberName("repeat")] Repeat,
    [JsonStringEnumMemberName("no-repeat")] NoRepeat,
    [JsonStringEnumMemberName("unordered")] Unordered,
    [JsonStringEnumMemberName("individuals")] Individuals,
    [JsonStringEnumMemberName("continuous")] Continuous,
    /// <summary>Bound volumes: leaves shown as facing pages.</summary>
    [JsonStringEnumMemberName("paged")] Paged,
    [JsonStringEnumMemberName("facing-pages")] FacingPages,
    [JsonStringEnumMemberName("non-paged")] NonPaged,
    [JsonStringEnumMemberName("multi-part")] MultiPart,
    [JsonStringEnumMemberName("together")] Together,
    [JsonStringEnumMemberName("sequence")] Sequence,
    [JsonStringEnumMemberName("thumbnail-nav")] ThumbnailNav,
    [JsonStringEnumMemberName("no-nav")] NoNav,
    [JsonStringEnumMemberName("hidden")] Hidden,
}
