using System.Globalization;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Web.Features.Reading;

/// <summary>How to cite an item: its stable URL, and the reference in GB/T 7714-2015 and in Chicago (bibliography) style.</summary>
public sealed record Citation(string StableUrl, string ManifestUrl, string GbT7714, string Chicago)
{
    public const string Library = "清远市图书馆";
    public const string LibraryEn = "Qingyuan City Library";

    /// <param name="baseUrl">The site's address as the reader reached it, e.g. https://heritage.example.org.</param>
    /// <param name="accessed">The day of reading, which both styles record for online sources.</param>
    public static Citation For(Item item, string baseUrl, DateOnly accessed)
    {
        var url = $"{baseUrl}/items/{item.Id}";
        var manifest = $"{baseUrl}/iiif/presentation/{item.Id}/manifest";
        var creator = item.Creator.Length > 0 ? item.Creator : "佚名";
        // GB/T 7714-2015 §4.1/8.1: [M/OL] a monograph online, [N/OL] a newspaper, [Z/OL] other documents; the date
        // as written with its year, then where and by whom it is made available, the day cited, and the address.
        var type = item.Collection switch
        {
            CollectionKind.Newspaper => "N",
            CollectionKind.RepublicanDoc => "Z",
            _ => "M",
        };
        var year = item.Date.StartYear?.ToString(CultureInfo.InvariantCulture);
        var date = item.Date.AsWritten.Length > 0 ? item.Date.AsWritten + (year is null || item.Date.AsWritten.Contains(year, StringComparison.Ordinal) ? "" : $"（{year}）") : year ?? "";
        var gb = $"{creator}. {item.TitleZh}[{type}/OL]. {(date.Length > 0 ? date + ". " : "")}清远: {Library}[{accessed:yyyy-MM-dd}]. {url}.";
        var title = item.TitleEn.Length > 0 ? $"{item.TitleZh} [{item.TitleEn}]" : item.TitleZh;
        var chicago = $"{creator}. {title}. {(date.Length > 0 ? date + ". " : "")}{LibraryEn}, {item.Id}. Accessed {accessed.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}. {url}.";
        return new Citation(url, manifest, gb, chicago);
    }
}
