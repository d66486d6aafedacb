namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>Content Search 2.0 autocomplete (https://iiif.io/api/search/2.0/#autocomplete-service-description), nested in its search service.</summary>
public sealed record AutoCompleteService2() : Service(nameof(AutoCompleteService2));
