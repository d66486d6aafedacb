using QyHeritage.Iiif.Presentation.Model;

namespace QyHeritage.Iiif.Presentation;

/// <summary>The library as the holder and provider of everything served (requiredStatement, provider).</summary>
public static class Attribution
{
    public const string NameZh = "清远市图书馆";
    public const string NameEn = "Qingyuan City Library";

    /// <summary>https://iiif.io/api/presentation/3.0/#requiredstatement: shown by every viewer.</summary>
    public static MetadataEntry RequiredStatement() => new(LanguageMap.Ui("提供者", "Attribution"), LanguageMap.Ui(NameZh, NameEn));

    /// <summary>https://iiif.io/api/presentation/3.0/#provider: an Agent with its homepage.</summary>
    public static Agent Provider(PresentationUrls urls) => new()
    {
        Id = urls.Provider,
        Label = LanguageMap.Ui(NameZh, NameEn),
        Homepage =
        [
            new ExternalResource { Id = urls.Home, Label = LanguageMap.Ui("清远文献遗产平台", "QyHeritage"), Format = "text/html" },
        ],
    };
}
