namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// The reader's interface language, remembered in a cookie. Chinese (the default) shows every label in 简体中文
/// followed by its English, marked <c>lang="en"</c>; English shows English alone.
/// </summary>
public sealed record UiLanguage(string Code, string Tag)
{
    public const string CookieName = "qy-lang";

    public static readonly UiLanguage Chinese = new("zh", "zh-Hans");
    public static readonly UiLanguage English = new("en", "en");

    public bool IsEnglish => Code == English.Code;

    /// <summary>The other language, which the switch in the header offers.</summary>
    public UiLanguage Other => IsEnglish ? Chinese : English;

    public static UiLanguage Of(HttpRequest request) => Parse(request.Cookies[CookieName]) ?? Chinese;

    public static UiLanguage? Parse(string? code) => code switch
    {
        "zh" => Chinese,
        "en" => English,
        _ => null,
    };

    /// <summary>One language only, for attributes (labels, placeholders) where a second language cannot be marked.</summary>
    public string Pick(string zh, string en) => IsEnglish ? en : zh;
}
