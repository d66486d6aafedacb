using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Iiif.Presentation.Model.Json;

/// <summary><c>navDate</c> as an xsd:dateTime in UTC with a Z (https://iiif.io/api/presentation/3.0/#navdate), read with the invariant culture.</summary>
public sealed class NavDateConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            throw new JsonException($"navDate: '{text}' is not an xsd:dateTime");
        return date;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
}
