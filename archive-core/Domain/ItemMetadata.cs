using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Archive.Domain;

/// <summary>
/// The <c>metadata.json</c> of an item's OCFL object: everything the catalog and the IIIF manifests
/// know of an item, so that both can be rebuilt from storage alone. Written deterministically
/// (no timestamps, stable property order) so that the same input gives the same bytes and
/// therefore no new OCFL version.
/// </summary>
public static class ItemMetadata
{
    public const string LogicalPath = "metadata.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Keep CJK readable in the preserved file; it is data, never embedded in HTML as-is.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string ToJson(Item item) => JsonSerializer.Serialize(ToDocument(item), Options) + "\n";

    public static byte[] ToUtf8(Item item) => System.Text.Encoding.UTF8.GetBytes(ToJson(item));

    /// <summary>Reads a metadata.json; a malformed file is an error naming what is wrong.</summary>
    public static Item Parse(ReadOnlySpan<byte> utf8)
    {
        Document doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(utf8, Options) ?? throw new FormatException("metadata.json is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"metadata.json is not valid: {e.Message}", e);
        }
        if (!Item.IsValidId(doc.Id)) throw new FormatException($"metadata.json has an invalid id '{doc.Id}'");
        if (!Collections.TryParse(doc.Collection, out var collection))
            throw new FormatException($"metadata.json of {doc.Id} names an unknown collection '{doc.Collection}'");
        return new Item
        {
            Id = doc.Id!,
            Collection = collection,
            TitleZh = doc.Title?.Zh ?? "",
            TitleEn = doc.Title?.En ?? "",
            Creator = doc.Creator ?? "",
            Date = new ItemDate(doc.Date?.AsWritten ?? "", doc.Date?.Edtf, doc.Date?.StartYear, doc.Date?.EndYear, doc.Date?.Approximate ?? false),
            Place = doc.Place ?? "",
            LanguageScript = doc.LanguageScript ?? "",
            Script = doc.Script,
            Layout = doc.Layout,
            Rights = doc.Rights ?? "",
            Source = doc.Source ?? "",
            ImageOrigin = doc.ImageOrigin ?? "",
            Description = doc.Description ?? "",
            Pages = (doc.Pages ?? []).OrderBy(p => p.Order).ToList(),
        };
    }

    private static Document ToDocument(Item item) => new()
    {
        Id = item.Id,
        Collection = item.Collection.Code(),
        Title = new Titles { Zh = item.TitleZh, En = item.TitleEn },
        Creator = item.Creator,
        Date = new DateDocument
        {
            AsWritten = item.Date.AsWritten,
            Edtf = item.Date.Edtf,
            StartYear = item.Date.StartYear,
            EndYear = item.Date.EndYear,
            Approximate = item.Date.Approximate,
        },
        Place = item.Place,
        LanguageScript = item.LanguageScript,
        Script = item.Script,
        Layout = item.Layout,
        Rights = item.Rights,
        Source = item.Source,
        ImageOrigin = item.ImageOrigin,
        Description = item.Description,
        Pages = item.Pages.OrderBy(p => p.Order).ToList(),
    };

    private sealed class Document
    {
        public string? Id { get; set; }
        public string? Collection { get; set; }
        public Titles? Title { get; set; }
        public string? Creator { get; set; }
        public DateDocument? Date { get; set; }
        public string? Place { get; set; }
        public string? LanguageScript { get; set; }
        public Script Script { get; set; }
        public TextLayout Layout { get; set; }
        public string? Rights { get; set; }
        public string? Source { get; set; }
        public string? ImageOrigin { get; set; }
        public string? Description { get; set; }
        public List<Page>? Pages { get; set; }
    }

    private sealed class Titles
    {
        public string? Zh { get; set; }
        public string? En { get; set; }
    }

    private sealed class DateDocument
    {
        public string? AsWritten { get; set; }
        public string? Edtf { get; set; }
        public int? StartYear { get; set; }
        public int? EndYear { get; set; }
        public bool Approximate { get; set; }
    }
}
