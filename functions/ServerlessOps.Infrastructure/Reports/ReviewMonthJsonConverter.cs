using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessOps.Domain.Review;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>
/// <see cref="ReviewMonth"/> as <c>"2026-11"</c>, the way routes and blob names write it. Needed, not cosmetic: the
/// struct's <c>Previous</c> and <c>Next</c> are months too, so the default serializer would recurse until its depth limit.
/// </summary>
internal sealed class ReviewMonthJsonConverter : JsonConverter<ReviewMonth>
{
    public override ReviewMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ReviewMonth.TryParse(text, out var month)
            ? month
            : throw new JsonException($"A month is written yyyy-MM (2026-11); got {(text is null ? reader.TokenType.ToString() : $"'{text}'")}.");
    }

    public override void Write(Utf8JsonWriter writer, ReviewMonth value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
