using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary><c>@context</c>: one URI as a string, several as an array (https://iiif.io/api/presentation/3.0/#46-linked-data-context-and-extensions).</summary>
public sealed class ContextConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return [reader.GetString()!];
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("@context must be a URI or an array of URIs");
        var contexts = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String) contexts.Add(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("@context must be a URI or an array of URIs");
        return contexts;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var c in value) writer.WriteStringValue(c);
        writer.WriteEndArray();
    }
}
