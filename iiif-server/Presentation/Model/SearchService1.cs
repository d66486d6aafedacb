namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// Content Search 1.0 (https://iiif.io/api/search/1.0/#service-description), offered beside 2.0 for viewers
/// that know only 0/1 (Mirador 4): they find it by its <c>profile</c>, so the profile is always written.
/// </summary>
public sealed record SearchService1() : Service(nameof(SearchService1))
{
    public const string SearchProfile = "http://iiif.io/api/search/1/search";

    /// <summary>A search service at <paramref name="id"/> with its profile.</summary>
    public static SearchService1 At(string id, IReadOnlyList<Service>? services = null) => new() { Id = id, Profile = SearchProfile, Services = services };
}
