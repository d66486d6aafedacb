namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// An Agent (https://iiif.io/api/presentation/3.0/#provider): the organisation that provides the resource,
/// with its label and homepage.
/// </summary>
public sealed record Agent() : DescribedResource(nameof(Agent));
