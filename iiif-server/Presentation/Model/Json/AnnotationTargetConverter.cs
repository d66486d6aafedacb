using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>An annotation's target: a string URI, or a <see cref="SpecificResource"/> object.</summary>
public sealed class AnnotationTargetConverter : JsonConverter<AnnotationTarget>
{
    public override AnnotationTarget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return AnnotationTarget.Of(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("target: must be a URI or a SpecificResource");
        var resource = JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(typeof(Resource))) as SpecificResource
            ?? throw new JsonException("target: an object target must be a SpecificResource");
        return AnnotationTarget.Of(resource);
    }

    public override void Write(Utf8JsonWriter writer, AnnotationTarget value, JsonSerializerOptions options)
    {
        if (value.Uri is not null) writer.WriteStringValue(value.Uri);
        else JsonSerializer.Serialize(writer, value.Resource!, options.GetTypeInfo(typeof(SpecificResource)));
    }
}
