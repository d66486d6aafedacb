using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary>
/// Reads a <typeparamref name="TBase"/> as the C# type its <c>type</c> names, wherever in the object that
/// property stands (IIIF documents put <c>id</c> first, so System.Text.Json's own discriminator, which must
/// come first, cannot read them); writes the value's own type, whose <c>type</c> property says what it is.
/// </summary>
public sealed class TypedConverter<TBase> : JsonConverter<TBase> where TBase : class
{
    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected an object with a 'type', found {reader.TokenType}");
        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw new JsonException("an object without a 'type'");
        var name = type.GetString()!;
        var clr = ResourceTypes.Find<TBase>(name) ?? throw new JsonException($"'{name}' is not a type of {typeof(TBase).Name} this model reads");
        return (TBase?)document.RootElement.Deserialize(options.GetTypeInfo(clr));
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
}
