using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.Presentation.Model;

namespace QyHeritage.Iiif.Presentation;

/// <summary>The BCP 47 tag of an item's Chinese: zh-Hant or zh-Hans as the item is written.</summary>
public static class LanguageTags
{
    public static string Chinese(Script script) => script == Script.Simplified ? LanguageMap.Simplified : LanguageMap.Traditional;
}
