using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>
/// Reads and writes Presentation 3.0 documents with the model: <see cref="Write"/> any resource (with its
/// <c>@context</c> when it is a document's top), <see cref="Parse{T}"/> one back. Written documents parse back
/// to the same model and write again to the same bytes.
/// </summary>
public static class PresentationJson
{
    public const string Context = "http://iiif.io/api/presentation/3/context.json";

    // Chinese stays readable: the documents are JSON, never embedded in HTML as they are.
    private static readonly PresentationJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Write(Resource resource) => JsonSerializer.Serialize(resource, Json.Resource);

    public static byte[] WriteUtf8(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Json.Resource);

    /// <summary>The document as a <typeparamref name="T"/>, or the reason it is not one.</summary>
    public static ParsedDocument<T> Parse<T>(string json) where T : Resource
    {
        Resource? read;
        try
        {
            read = JsonSerializer.Deserialize(json, Json.Resource);
        }
        catch (JsonException e)
        {
            return ParsedDocument<T>.Fail($"{e.Path ?? "$"}: {e.Message}");
        }
        return read switch
        {
            T value => ParsedDocument<T>.Ok(value),
            null => ParsedDocument<T>.Fail("$: the document is null"),
            _ => ParsedDocument<T>.Fail($"$.type: a {read.Type}, not a {typeof(T).Name}"),
        };
    }
}
