namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>Content Search 2.0 within a resource (https://iiif.io/api/search/2.0/#search-service-description), its autocomplete nested.</summary>
public sealed record SearchService2() : Service(nameof(SearchService2));
