namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>Content Search 1.0 autocomplete (https://iiif.io/api/search/1.0/#service-description-1), found by its profile.</summary>
public sealed record AutoCompleteService1() : Service(nameof(AutoCompleteService1))
{
    public const string AutoCompleteProfile = "http://iiif.io/api/search/1/autocomplete";
}
