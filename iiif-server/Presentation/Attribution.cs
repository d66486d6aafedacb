using System.Text.Json.Nodes;

namespace QyHeritage.Iiif.Presentation;

/// <summary>The library as the holder and provider of everything served (requiredStatement, provider).</summary>
public static class Attribution
{
    public const string NameZh = "清远市图书馆";
    public const string NameEn = "Qingyuan City Library";

    /// <summary>https://iiif.io/api/presentation/3.0/#requiredstatement: shown by every viewer.</summary>
    public static JsonObject RequiredStatement() => new()
    {
        ["label"] = LanguageMap.Ui("提供者", "Attribution"),
        ["value"] = LanguageMap.Ui(NameZh, NameEn),
    };

    /// <summary>https://iiif.io/api/presentation/3.0/#provider: an Agent with its homepage.</summary>
    public static JsonObject Provider(PresentationUrls urls) => new()
    {
        ["id"] = urls.Provider,
        ["type"] = "Agent",
        ["label"] = LanguageMap.Ui(NameZh, NameEn),
        ["homepage"] = new JsonArray(new JsonObject
        {
            ["id"] = urls.Home,
            ["type"] = "Text",
            ["label"] = LanguageMap.Ui("清远文献遗产平台", "QyHeritage"),
            ["format"] = "text/html",
        }),
    };
}
