namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>An Image API 3.0 service reference (https://iiif.io/api/presentation/3.0/#service, https://iiif.io/api/image/3.0/#52-compliance-level-and-profile-document).</summary>
public sealed record ImageService3() : Service(nameof(ImageService3))
{
    public const string Level2 = "level2";
}
