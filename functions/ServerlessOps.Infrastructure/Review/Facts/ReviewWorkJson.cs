using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Review;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// How the review's work blobs are written: enums by name, months as <c>yyyy-MM</c> (the struct's Previous and Next
/// are months too, so the default serializer would recurse), no indentation. Deterministic for the same values.
/// </summary>
public static class ReviewWorkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new MonthConverter() },
    };

    private sealed class MonthConverter : JsonConverter<ReviewMonth>
    {
        public override ReviewMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReviewMonth.TryParse(reader.GetString(), out var month) ? month : throw new JsonException($"Not a month (yyyy-MM): '{reader.GetString()}'.");

        public override void Write(Utf8JsonWriter writer, ReviewMonth value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override ReviewMonth ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, ReviewMonth value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }
}
