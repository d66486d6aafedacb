namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>
/// The <c>type</c> values this model reads, and the C# type each becomes
/// (https://iiif.io/api/presentation/3.0/#type; content resource types from #57-content-resources).
/// </summary>
public static class ResourceTypes
{
    private static readonly Dictionary<string, Type> Known = new(StringComparer.Ordinal)
    {
        ["Collection"] = typeof(Collection),
        ["Manifest"] = typeof(Manifest),
        ["Canvas"] = typeof(Canvas),
        ["Range"] = typeof(Range),
        ["AnnotationPage"] = typeof(AnnotationPage),
        ["Annotation"] = typeof(Annotation),
        ["Agent"] = typeof(Agent),
        ["Image"] = typeof(Image),
        ["TextualBody"] = typeof(TextualBody),
        ["SpecificResource"] = typeof(SpecificResource),
        [ExternalResource.Text] = typeof(ExternalResource),
        [ExternalResource.Dataset] = typeof(ExternalResource),
        ["ImageService3"] = typeof(ImageService3),
        ["SearchService2"] = typeof(SearchService2),
        ["AutoCompleteService2"] = typeof(AutoCompleteService2),
        ["SearchService1"] = typeof(SearchService1),
        ["AutoCompleteService1"] = typeof(AutoCompleteService1),
        ["ImageApiSelector"] = typeof(ImageApiSelector),
        ["FragmentSelector"] = typeof(FragmentSelector),
    };

    /// <summary>The C# type for <paramref name="type"/> when it is one of <typeparamref name="TBase"/>'s kind.</summary>
    public static Type? Find<TBase>(string type) =>
        Known.TryGetValue(type, out var clr) && typeof(TBase).IsAssignableFrom(clr) ? clr : null;
}
