using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>A language map as the spec writes it: an object whose every value is an array of strings (https://iiif.io/api/presentation/3.0/#44-language-of-property-values).</summary>
public sealed class LanguageMapConverter : JsonConverter<LanguageMap>
{
    public override LanguageMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a language map must be an object");
        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var language = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"language map: '{language}' must have an array of strings");
            var values = new List<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.String) values.Add(reader.GetString()!);
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException($"language map: '{language}' must have an array of strings");
            entries.Add(new(language, values));
        }
        if (entries.Count == 0) throw new JsonException("a language map must not be empty");
        return new LanguageMap(entries);
    }

    public override void Write(Utf8JsonWriter writer, LanguageMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, values) in value)
        {
            writer.WriteStartArray(language);
            foreach (var v in values) writer.WriteStringValue(v);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
