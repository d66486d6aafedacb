using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>Source-generated serialization of the model: camelCase names as the spec spells them, absent values left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(Collection))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(Canvas))]
[JsonSerializable(typeof(Range))]
[JsonSerializable(typeof(AnnotationPage))]
[JsonSerializable(typeof(Annotation))]
[JsonSerializable(typeof(Agent))]
[JsonSerializable(typeof(Image))]
[JsonSerializable(typeof(TextualBody))]
[JsonSerializable(typeof(SpecificResource))]
[JsonSerializable(typeof(ExternalResource))]
[JsonSerializable(typeof(ImageService3))]
[JsonSerializable(typeof(SearchService2))]
[JsonSerializable(typeof(AutoCompleteService2))]
[JsonSerializable(typeof(SearchService1))]
[JsonSerializable(typeof(AutoCompleteService1))]
[JsonSerializable(typeof(Selector))]
[JsonSerializable(typeof(ImageApiSelector))]
[JsonSerializable(typeof(FragmentSelector))]
internal sealed partial class PresentationJsonContext : JsonSerializerContext;
